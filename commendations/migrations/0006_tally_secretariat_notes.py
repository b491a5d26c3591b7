"""Issue #15: the texts of a tally are split into administrative prose (printed in the minutes
of the vote) and notes for the secretariat (shown on the page only). Stored tallies and rules
lose their phrases about the software; what those phrases said moves to the notes."""

import re

from django.db import migrations, models

ROUNDING = ("; cách làm tròn: văn bản về chỉ tiêu chỉ nêu tỷ lệ “không quá”, không quy định "
            "làm tròn; làm tròn xuống để không vượt tỷ lệ là mặc định của phần mềm, cách khác "
            "là quy ước của cụm")
OLD_DEFAULT = "Mặc định của phần mềm, chưa có căn cứ văn bản — cụm cần xác nhận"
UNCONFIRMED = re.compile(r"; chưa xác nhận Nghị định 152/2025/NĐ-CP giữ nguyên mức \d+%\)")
REPLACED = " (được thay thế bởi Nghị định 152/2025/NĐ-CP từ 01/7/2025)"
OLD_TIES = ("suất: phần mềm không tự loại ai; cụm cần quyết định (ví dụ bỏ phiếu lại giữa các "
            "ứng viên này).")
NEW_TIES = "suất: Hội nghị xem xét, quyết định (có thể bỏ phiếu lại giữa các ứng viên này)."
ORDER = " Thứ tự mã chỉ để hiển thị, không dùng để loại."
NOTES = {
    "source": "Có quy tắc chưa ghi nguồn văn bản (quy tắc do cụm thống nhất; ghi căn cứ nếu có "
              "văn bản quy định).",
    "rounding": "Cách làm tròn: văn bản về chỉ tiêu chỉ nêu tỷ lệ “không quá”, không quy định "
                "làm tròn; làm tròn xuống để không vượt tỷ lệ là đề xuất ban đầu, cụm có thể "
                "thống nhất cách khác.",
    "order": "Khi vẫn bằng nhau sau các tiêu chí trên, danh sách xếp theo mã đề nghị chỉ để "
             "hiển thị ổn định, không dùng để loại ai.",
    "ties": "Không ứng viên nào bị loại tự động khi ngang phiếu tại vị trí cắt: cụm quyết định.",
}


def clean(text: str) -> tuple[str, set[str]]:
    """The text without the software's phrases, and the notes those phrases become."""
    notes = set()
    for old, note in ((ROUNDING, "rounding"), (f" ({OLD_DEFAULT})", "source"),
                      (OLD_DEFAULT, "source"), (" (chưa ghi nguồn văn bản)", "source"),
                      (" (quy ước của phần mềm)", None), (ORDER, "order")):
        if old in text:
            text = text.replace(old, "")
            if note:
                notes.add(note)
    text = text.replace("(chưa ghi nguồn văn bản)", "").replace(" ()", "")
    text = UNCONFIRMED.sub(")", text).replace(REPLACED, "")
    if OLD_TIES in text:
        text = text.replace(OLD_TIES, NEW_TIES)
        notes.add("ties")
    return text, notes


def forwards(apps, schema_editor):
    AwardTally = apps.get_model("commendations", "AwardTally")
    for row in AwardTally.objects.all():
        notes: set[str] = set()
        changed = False
        for name in ("applied_rules", "quorum_explanation", "ordering_explanation",
                     "ties_explanation"):
            text, found = clean(getattr(row, name))
            if text != getattr(row, name):
                setattr(row, name, text)
                changed = True
            notes |= found
        if changed:
            row.secretariat_notes = "\n".join(NOTES[key] for key in NOTES if key in notes)
            row.save(update_fields=["applied_rules", "quorum_explanation",
                                    "ordering_explanation", "ties_explanation",
                                    "secretariat_notes"])
    AwardRule = apps.get_model("commendations", "AwardRule")
    for rule in AwardRule.objects.all():
        changed = []
        for name in ("threshold_source", "quorum_source", "quota_source", "tie_break_source"):
            value = getattr(rule, name)
            new = "" if value.strip() == OLD_DEFAULT else UNCONFIRMED.sub(")", value)
            new = new.replace(REPLACED, "")
            if new != value:
                setattr(rule, name, new)
                changed.append(name)
        if changed:
            rule.save(update_fields=changed)


class Migration(migrations.Migration):

    dependencies = [
        ('commendations', '0005_past_honours'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardtally',
            name='secretariat_notes',
            field=models.TextField(blank=True, help_text='Chỉ hiện trên trang, không in vào văn bản: quy tắc chưa ghi căn cứ, cách làm tròn chỉ tiêu, thứ tự hiển thị.', verbose_name='ghi chú cho thư ký cụm'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
