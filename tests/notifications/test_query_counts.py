from notifications.services import notify


def test_notification_list_query_count_is_fixed(personas, client_for, count_queries):
    parent = client_for("parent_an")
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Một")
    with count_queries() as small:
        parent.get("/thong-bao-ca-nhan/")
    for i in range(60):
        notify(recipients=[personas.parent_an], kind="forum.reply", title=f"Trả lời {i}")
    with count_queries() as large:
        response = parent.get("/thong-bao-ca-nhan/")
    assert response.text.count('data-testid="notification"') == 30
    # session, user, page count, page rows, navigation: unread notifications,
    # audience keys, unread announcements = 7 (the new notifications forget the
    # cached badges; the session is not written back)
    assert small.count == large.count == 7, large.explain()
