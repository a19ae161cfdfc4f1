from django.urls import path

from .views import classes, importing, people, privacy, school, sessions

app_name = "accounts"
urlpatterns = [
    # Administration ("Quản trị trường"): admins only, everyone else gets 404.
    path("quan-tri/", people.admin_home, name="admin_home"),
    path("danh-sach/", people.user_list, name="user_list"),
    path("<int:pk>/", people.user_detail, name="user_detail"),
    path("<int:pk>/trang-thai/", people.user_set_active, name="user_set_active"),
    path("<int:pk>/phieu/", people.user_slip, name="user_slip"),
    path("<int:pk>/cap-lai/", people.user_reissue, name="user_reissue"),
    path("nhap-danh-sach/", importing.import_upload, name="import_upload"),
    path("nhap-danh-sach/mau.csv", importing.import_template_csv, name="import_template_csv"),
    path("nhap-danh-sach/mau.xlsx", importing.import_template_xlsx, name="import_template_xlsx"),
    path("nhap-danh-sach/<int:pk>/", importing.import_detail, name="import_detail"),
    path("nhap-danh-sach/<int:pk>/tien-do/", importing.import_progress, name="import_progress"),
    path("nhap-danh-sach/<int:pk>/xac-nhan/", importing.import_confirm, name="import_confirm"),
    path("nhap-danh-sach/<int:pk>/huy/", importing.import_cancel, name="import_cancel"),
    path("chuyen-nam-hoc/", school.rollover_view, name="rollover"),
    path("cai-dat/", school.school_settings, name="school_settings"),
    path("to-cong-tac-vien/", school.team, name="team"),
    path("to-cong-tac-vien/thay-doi/", school.team_change, name="team_change"),
    path("to-cong-tac-vien/quy-che/", school.team_regulation, name="team_regulation"),
    path("yeu-cau-xoa/", privacy.deletion_list, name="deletion_list"),
    path("yeu-cau-xoa/<int:pk>/", privacy.deletion_detail, name="deletion_detail"),
    path("<int:pk>/yeu-cau-xoa/", privacy.deletion_record, name="deletion_record"),
    path("du-lieu-ca-nhan/", privacy.registry_view, name="privacy_registry"),
    path("dong-y/<int:pk>/ghi-nhan/", privacy.consent_record_by_admin, name="consent_record"),
    # Classes: admins see every class, a homeroom teacher their own.
    path("lop/", classes.class_list, name="class_list"),
    path("lop/<int:pk>/", classes.class_detail, name="class_detail"),
    path("lop/<int:pk>/phieu/", classes.class_slips, name="class_slips"),
    path("lop/<int:pk>/cap-lai/", classes.class_reissue, name="class_reissue"),
    # Everyone: their own data; parents: their children's.
    path("cua-toi/du-lieu/", privacy.my_data, name="my_data"),
    path("cua-toi/phien-dang-nhap/", sessions.my_sessions, name="my_sessions"),
    path("cua-toi/du-lieu/<int:pk>/tai-ve/", privacy.data_export, name="data_export"),
    path("cua-toi/yeu-cau-xoa/", privacy.deletion_request, name="deletion_request"),
    path("cua-toi/dong-y/", privacy.guardian_consent, name="guardian_consent"),
    path(
        "cua-toi/dong-y/<int:pk>/", privacy.guardian_consent_change, name="guardian_consent_change"
    ),
]
