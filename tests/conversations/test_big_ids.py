def test_an_id_too_large_for_the_database_is_a_404(client_for):
    teacher = client_for("teacher_5a")
    huge = "9" * 30
    for url in (f"/tin-nhan/{huge}/", f"/tin-nhan/tep/{huge}/", f"/tin-nhan/lop/{huge}/"):
        assert teacher.get(url).status_code == 404, url
    assert client_for("parent_an").get(f"/tin-nhan/moi/{huge}/").status_code == 404
