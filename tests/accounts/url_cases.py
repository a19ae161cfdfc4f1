"""The accounts app in the permission matrix: every URL name, every persona."""

from accounts.models import DeletionRequest, Guardianship, ImportJob, SchoolSettings

from ..personas import make_user
from ..url_matrix import ALL_STAFF, Case, logged_in, only, public

ADMIN = only(["admin"])
ADMIN_POST = only(["admin"], ok=302)
HOMEROOM_5A = only(["admin", "teacher_5a"])


def cases(personas) -> dict:
    preview = ImportJob.objects.create(
        created_by=personas.admin, original_name="lop.csv", batch={"rows": [], "counts": {}}
    )
    to_cancel = ImportJob.objects.create(created_by=personas.admin, original_name="huy.csv")
    deletion = DeletionRequest.objects.create(
        subject=personas.pupil_binh, requested_by=personas.other_parent
    )
    # Someone no test client is logged in as: a reset ends that person's sessions.
    newcomer = make_user("gv_moi", "Vũ Thị Mới", "staff")
    school = SchoolSettings.load()
    school.team_regulation = "Điều 1. Tổ cộng tác viên giúp nhà trường giữ diễn đàn an toàn."
    school.team_regulation_published = True
    school.save()
    an_guardianship = Guardianship.objects.get(pupil=personas.pupil_an)
    class_5a = personas.class_5a.pk
    base = "/nguoi-dung"
    return {
        "accounts:admin_home": Case(f"{base}/quan-tri/", ADMIN),
        "accounts:user_list": Case(f"{base}/danh-sach/", ADMIN),
        "accounts:user_detail": Case(f"{base}/{personas.pupil_an.pk}/", ADMIN),
        "accounts:user_set_active": Case(
            f"{base}/{personas.pupil_binh.pk}/trang-thai/",
            ADMIN_POST,
            method="post",
            data={"active": "1"},
        ),
        "accounts:user_slip": Case(f"{base}/{personas.teacher_5a.pk}/phieu/", ADMIN),
        "accounts:user_reissue": Case(f"{base}/{newcomer.pk}/cap-lai/", ADMIN_POST, method="post"),
        "accounts:import_upload": Case(f"{base}/nhap-danh-sach/", ADMIN),
        "accounts:import_template_csv": Case(f"{base}/nhap-danh-sach/mau.csv", ADMIN),
        "accounts:import_template_xlsx": Case(f"{base}/nhap-danh-sach/mau.xlsx", ADMIN),
        "accounts:import_detail": Case(f"{base}/nhap-danh-sach/{preview.pk}/", ADMIN),
        # htmx polls this; a visitor's poll is told to reload the whole page (204 + HX-Redirect).
        "accounts:import_progress": Case(
            f"{base}/nhap-danh-sach/{preview.pk}/tien-do/", {**ADMIN, "anonymous": 204}, htmx=True
        ),
        "accounts:import_confirm": Case(
            f"{base}/nhap-danh-sach/{preview.pk}/xac-nhan/", ADMIN_POST, method="post"
        ),
        "accounts:import_cancel": Case(
            f"{base}/nhap-danh-sach/{to_cancel.pk}/huy/", ADMIN_POST, method="post"
        ),
        "accounts:rollover": Case(f"{base}/chuyen-nam-hoc/", ADMIN),
        "accounts:school_settings": Case(f"{base}/cai-dat/", ADMIN),
        "accounts:team": Case(f"{base}/to-cong-tac-vien/", ADMIN),
        "accounts:team_change": Case(
            f"{base}/to-cong-tac-vien/thay-doi/", ADMIN_POST, method="post", data={"kind": "staff"}
        ),
        "accounts:team_regulation": Case(f"{base}/to-cong-tac-vien/quy-che/", public()),
        "accounts:deletion_list": Case(f"{base}/yeu-cau-xoa/", ADMIN),
        "accounts:deletion_detail": Case(f"{base}/yeu-cau-xoa/{deletion.pk}/", ADMIN),
        "accounts:deletion_record": Case(
            f"{base}/{personas.other_parent.pk}/yeu-cau-xoa/", ADMIN_POST, method="post"
        ),
        "accounts:privacy_registry": Case(f"{base}/du-lieu-ca-nhan/", ADMIN),
        "accounts:consent_record": Case(
            f"{base}/dong-y/{an_guardianship.pk}/ghi-nhan/", ADMIN_POST, method="post"
        ),
        "accounts:class_list": Case(f"{base}/lop/", only(ALL_STAFF)),
        "accounts:class_detail": [
            Case(f"{base}/lop/{class_5a}/", HOMEROOM_5A),
            Case(f"{base}/lop/{personas.class_4b.pk}/", only(["admin", "other_teacher"])),
        ],
        "accounts:class_slips": Case(f"{base}/lop/{class_5a}/phieu/", HOMEROOM_5A),
        "accounts:class_reissue": Case(
            f"{base}/lop/{class_5a}/cap-lai/", only(["admin", "teacher_5a"], ok=302), method="post"
        ),
        "accounts:my_data": Case(f"{base}/cua-toi/du-lieu/", logged_in()),
        "accounts:my_sessions": Case(f"{base}/cua-toi/phien-dang-nhap/", logged_in()),
        "accounts:data_export": [
            Case(
                f"{base}/cua-toi/du-lieu/{personas.pupil_an.pk}/tai-ve/",
                only(["pupil_an", "parent_an"]),
            ),
            Case(f"{base}/cua-toi/du-lieu/{personas.admin.pk}/tai-ve/", only(["admin"])),
        ],
        "accounts:deletion_request": Case(f"{base}/cua-toi/yeu-cau-xoa/", logged_in()),
        "accounts:guardian_consent": Case(
            f"{base}/cua-toi/dong-y/", only(["parent_an", "other_parent"])
        ),
        "accounts:guardian_consent_change": Case(
            f"{base}/cua-toi/dong-y/{an_guardianship.pk}/",
            only(["parent_an"], ok=302),
            method="post",
            data={"give": "1"},
        ),
    }
