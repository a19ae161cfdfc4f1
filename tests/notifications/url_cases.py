from notifications.services import unsubscribe_token

from ..url_matrix import Case, logged_in, public


def cases(personas) -> dict:
    token = unsubscribe_token(user=personas.parent_an, kind="forum.reply")
    return {
        "notifications:mark_read": Case(
            "/thong-bao-ca-nhan/999999/da-xem/", logged_in(ok=302), method="post"
        ),
        "notifications:preferences": Case("/thong-bao-ca-nhan/cai-dat/", logged_in()),
        "notifications:unsubscribe": [
            Case(f"/thong-bao-ca-nhan/huy-dang-ky/{token}/", public()),
            Case("/thong-bao-ca-nhan/huy-dang-ky/gia-mao/", public(ok=400)),
        ],
    }
