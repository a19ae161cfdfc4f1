from ..url_matrix import LOGIN, Case, logged_in, only, public


def cases(personas) -> dict:
    return {
        "home": Case("/", public()),
        "healthz": Case("/healthz", public()),
        "set_language": Case(
            "/i18n/setlang/", public(ok=302), method="post", data={"language": "en", "next": "/"}
        ),
        "admin:index": Case("/quan-tri/", only(["admin"], denied=302, anonymous=LOGIN)),
        "account_login": Case("/tai-khoan/login/", only(["anonymous"], denied=302, anonymous=200)),
        "account_change_password": Case("/tai-khoan/password/change/", logged_in()),
        "account_signup": Case(
            "/tai-khoan/signup/", only(["anonymous"], denied=302, anonymous=200)
        ),
        "notifications:list": Case("/thong-bao-ca-nhan/", logged_in()),
        "notifications:open": Case(
            "/thong-bao-ca-nhan/999999/mo/", logged_in(ok=302), method="post"
        ),
        "notifications:mark_all_read": Case(
            "/thong-bao-ca-nhan/da-xem-het/", logged_in(ok=302), method="post"
        ),
    }
