from notifications.services import unsubscribe_token

from ..url_matrix import Case, logged_in, public


def cases(personas) -> dict:
    token = unsubscribe_token(user=personas.parent_an, kind="forum.reply")
    return {
        "notifications:mark_read": Case(
            "/thong-bao-ca-nhan/999999/da-xem/", logged_in(ok=302), method="post"
        ),
        "notifications:preferences": Case("/thong-bao-ca-nhan/cai-dat/", logged_in()),
        # Posted as JSON by static/js/pwa.js; an empty body is a clear 400 (test_push.py).
        "notifications:push_subscribe": Case(
            "/thong-bao-ca-nhan/thiet-bi/bat/", logged_in(ok=400), method="post"
        ),
        "notifications:push_unsubscribe": Case(
            "/thong-bao-ca-nhan/thiet-bi/tat/", logged_in(ok=400), method="post"
        ),
        "notifications:unsubscribe": [
            Case(f"/thong-bao-ca-nhan/huy-dang-ky/{token}/", public()),
            Case("/thong-bao-ca-nhan/huy-dang-ky/gia-mao/", public(ok=400)),
        ],
    }
