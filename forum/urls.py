app_name = "forum"
urlpatterns: list = []
