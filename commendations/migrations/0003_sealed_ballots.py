"""Ballots sealed: a ballot's choices become one AES-GCM blob (``SealedBallot``) under a key
derived from the session's random ``SessionSeal`` and SECRET_KEY; ``BallotChoice`` goes.

The choices of a session still open are sealed again as that session's ballots. They were
stored without a ballot link, so the new blobs regroup the same choices (each ballot had one
per nomination): the totals are unchanged, and no blob is any unit's real ballot. The old
table is dropped (its file unlinked, with its dead row versions). A closed session keeps
its fixed tally and needs nothing.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from commendations import sealing

OPEN = "dang_bo_phieu"


def seal_open_sessions(apps, schema_editor):
    VotingSession = apps.get_model("commendations", "VotingSession")
    Ballot = apps.get_model("commendations", "Ballot")
    BallotChoice = apps.get_model("commendations", "BallotChoice")
    SealedBallot = apps.get_model("commendations", "SealedBallot")
    SessionSeal = apps.get_model("commendations", "SessionSeal")
    for session in VotingSession.objects.filter(status=OPEN):
        salt = sealing.new_salt()
        SessionSeal.objects.create(session=session, salt=salt)
        ballots = Ballot.objects.filter(session=session).count()
        columns: dict[int, list[bool]] = {}
        for nomination_id, agree in BallotChoice.objects.filter(session=session).values_list(
                "nomination_id", "agree").order_by("nomination_id", "agree"):
            columns.setdefault(nomination_id, []).append(agree)
        if any(len(column) != ballots for column in columns.values()):
            raise RuntimeError(f"Session {session.pk}: choices do not match its {ballots} "
                               f"ballots; fix the data before migrating.")
        for index in range(ballots if columns else 0):
            choices = {pk: column[index] for pk, column in columns.items()}
            SealedBallot.objects.create(session=session, blob=sealing.seal(
                choices, salt=salt, session_id=session.pk))


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0003_results'),
        ('cluster', '0001_initial'),
        ('commendations', '0002_text_length_limits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SealedBallot',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('blob', models.BinaryField()),
            ],
            options={
                'verbose_name': 'phiếu bầu đã niêm phong',
                'verbose_name_plural': 'phiếu bầu đã niêm phong',
            },
        ),
        migrations.CreateModel(
            name='SessionSeal',
            fields=[
                ('session', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='commendations.votingsession')),
                ('salt', models.BinaryField()),
            ],
            options={
                'verbose_name': 'khóa niêm phong phiên bình xét',
                'verbose_name_plural': 'khóa niêm phong phiên bình xét',
            },
        ),
        migrations.RemoveConstraint(
            model_name='votingsession',
            name='votingsession_status_valid',
        ),
        migrations.AddField(
            model_name='historicalvotingsession',
            name='required_ballots',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='số phiếu tối thiểu để công bố kết quả'),
        ),
        migrations.AddField(
            model_name='historicalvotingsession',
            name='totals_withheld',
            field=models.BooleanField(default=False, editable=False, help_text='Kết thúc với ít phiếu hơn số tối thiểu: không công bố số phiếu của đề nghị nào, không đề nghị nào đạt.', verbose_name='không đủ số phiếu'),
        ),
        migrations.AddField(
            model_name='votingsession',
            name='required_ballots',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='số phiếu tối thiểu để công bố kết quả'),
        ),
        migrations.AddField(
            model_name='votingsession',
            name='totals_withheld',
            field=models.BooleanField(default=False, editable=False, help_text='Kết thúc với ít phiếu hơn số tối thiểu: không công bố số phiếu của đề nghị nào, không đề nghị nào đạt.', verbose_name='không đủ số phiếu'),
        ),
        migrations.AlterField(
            model_name='historicalvotingsession',
            name='status',
            field=models.CharField(choices=[('chuan_bi', 'Đang chuẩn bị'), ('dang_bo_phieu', 'Đang bỏ phiếu'), ('kiem_phieu', 'Đã dừng nhận phiếu, đang kiểm phiếu'), ('da_ket_thuc', 'Đã kết thúc')], default='chuan_bi', editable=False, max_length=15, verbose_name='trạng thái'),
        ),
        migrations.AlterField(
            model_name='sessionevent',
            name='from_status',
            field=models.CharField(choices=[('chuan_bi', 'Đang chuẩn bị'), ('dang_bo_phieu', 'Đang bỏ phiếu'), ('kiem_phieu', 'Đã dừng nhận phiếu, đang kiểm phiếu'), ('da_ket_thuc', 'Đã kết thúc')], max_length=15, verbose_name='từ trạng thái'),
        ),
        migrations.AlterField(
            model_name='sessionevent',
            name='to_status',
            field=models.CharField(choices=[('chuan_bi', 'Đang chuẩn bị'), ('dang_bo_phieu', 'Đang bỏ phiếu'), ('kiem_phieu', 'Đã dừng nhận phiếu, đang kiểm phiếu'), ('da_ket_thuc', 'Đã kết thúc')], max_length=15, verbose_name='sang trạng thái'),
        ),
        migrations.AlterField(
            model_name='votingsession',
            name='status',
            field=models.CharField(choices=[('chuan_bi', 'Đang chuẩn bị'), ('dang_bo_phieu', 'Đang bỏ phiếu'), ('kiem_phieu', 'Đã dừng nhận phiếu, đang kiểm phiếu'), ('da_ket_thuc', 'Đã kết thúc')], default='chuan_bi', editable=False, max_length=15, verbose_name='trạng thái'),
        ),
        migrations.AddConstraint(
            model_name='votingsession',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['chuan_bi', 'dang_bo_phieu', 'kiem_phieu', 'da_ket_thuc'])), name='votingsession_status_valid'),
        ),
        migrations.AddField(
            model_name='sealedballot',
            name='session',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='commendations.votingsession'),
        ),
        migrations.RunPython(seal_open_sessions, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='BallotChoice',
        ),
    ]
