"""The data migration of issue #15 rewrites the phrases about the software in stored tallies
and rules, and keeps what they said as notes for the secretariat."""

import importlib

from commendations.tally import SOFTWARE_WORDS

migration = importlib.import_module("commendations.migrations.0006_tally_secretariat_notes")

OLD_RULES = (
    "Tỷ lệ đồng ý: từ 80% trên tổng số thành viên (Mặc định của phần mềm, chưa có căn cứ văn "
    "bản — cụm cần xác nhận)\n"
    "Chỉ tiêu: không quá 20% số đơn vị được suy tôn dẫn đầu (5 × 20% = 1, làm tròn xuống: 1) "
    "(Công văn 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ; cách làm tròn: văn bản về chỉ tiêu chỉ "
    "nêu tỷ lệ “không quá”, không quy định làm tròn; làm tròn xuống để không vượt tỷ lệ là mặc "
    "định của phần mềm, cách khác là quy ước của cụm)\n"
    "Khi bằng phiếu: không có quy tắc ưu tiên; sau đó theo điểm thi đua của năm, cao trước "
    "(quy ước của phần mềm)")
OLD_ORDER = ("Xếp theo số phiếu đồng ý, nhiều trước; khi bằng phiếu: không có quy tắc ưu tiên; "
             "sau đó theo điểm thi đua của năm, cao trước (quy ước của phần mềm); thiếu điểm thì "
             "không phân định bằng điểm. Thứ tự mã chỉ để hiển thị, không dùng để loại.")
OLD_THRESHOLD = ("Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP (được thay thế bởi Nghị định "
                 "152/2025/NĐ-CP từ 01/7/2025; chưa xác nhận Nghị định 152/2025/NĐ-CP giữ "
                 "nguyên mức 80%)")


def _words(text):
    return [w for w in SOFTWARE_WORDS if w in text.lower()]


def test_old_tally_phrases_become_prose_and_notes():
    rules, notes = migration.clean(OLD_RULES)
    assert _words(rules) == []
    assert rules.splitlines()[0] == "Tỷ lệ đồng ý: từ 80% trên tổng số thành viên"
    assert rules.splitlines()[1].endswith("(Công văn 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ)")
    assert notes == {"rounding", "source"}
    order, notes = migration.clean(OLD_ORDER)
    assert _words(order) == [] and order.endswith("không phân định bằng điểm.")
    assert notes == {"order"}
    ties, notes = migration.clean(
        "2 ứng viên (A, B) ngang nhau tại vị trí cắt theo chỉ tiêu sau khi áp dụng quy tắc khi "
        "bằng phiếu, còn 1 " + migration.OLD_TIES)
    assert ties.endswith(migration.NEW_TIES) and notes == {"ties"}


def test_an_old_threshold_source_loses_its_caveat():
    text, _notes = migration.clean(OLD_THRESHOLD)
    assert text == "Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP"
