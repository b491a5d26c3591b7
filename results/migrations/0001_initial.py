"""The unit-results models, taken over from ``campaigns`` (issue #12) without moving a row.

The state operations are what ``makemigrations`` wrote; the database operations are none: every
model (and its simple-history table) keeps its ``campaigns_*`` table through ``db_table``.
``campaigns.0005`` removes the same models from the campaigns state. The content types of the
moved models are renamed from app label ``campaigns`` to ``results``, so their permissions,
the admin log and object histories keep pointing at the same rows.
"""

import cluster.fields
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = [
    "areanarrative", "criterionscore", "evidencefile", "goodpractice", "reminderlog",
    "reportevent", "reportingperiod", "statearea", "unitreport",
    "historicalareanarrative", "historicalcriterionscore", "historicalgoodpractice",
    "historicalreportingperiod", "historicalunitreport",
]


def _relabel(apps, schema_editor, *, old, new):
    """Move each content type to the new app label, keeping its id. Should one already exist
    under the new label (made by a ``post_migrate`` of code that had the models there, say
    after migrating backwards and forwards again), the older row wins: the newer one's
    permissions, their user and group links and its admin log rows move onto the older
    one's, and the newer one goes. Permission ids and codenames stay those of the older."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    links = [apps.get_model(settings.AUTH_USER_MODEL).user_permissions.through,
             apps.get_model("auth", "Group").permissions.through]
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        kept = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if kept is None:
            continue
        newer = ContentType.objects.using(db).filter(app_label=new, model=model).first()
        if newer is not None:
            ours = {p.codename: p for p in Permission.objects.using(db).filter(content_type=kept)}
            for perm in Permission.objects.using(db).filter(content_type=newer):
                same = ours.get(perm.codename)
                if same is None:
                    perm.content_type = kept
                    perm.save(update_fields=["content_type"])
                    continue
                for link in links:
                    owner = next(f.name for f in link._meta.fields
                                 if f.is_relation and f.name != "permission")
                    for row in link.objects.using(db).filter(permission=perm):
                        if link.objects.using(db).filter(
                                permission=same, **{owner: getattr(row, owner)}).exists():
                            row.delete()
                        else:
                            row.permission = same
                            row.save(update_fields=["permission"])
                perm.delete()
            LogEntry.objects.using(db).filter(content_type=newer).update(content_type=kept)
            newer.delete()
        kept.app_label = new
        kept.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, old="campaigns", new="results")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, old="results", new="campaigns")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('admin', '0003_logentry_add_action_flag_choices'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('campaigns', '0005_results_moved_to_results_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('cluster', '0002_text_length_limits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalReportingPeriod',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('kind', models.CharField(choices=[('6_thang', '6 tháng đầu năm'), ('ca_nam', 'Cả năm')], max_length=10, verbose_name='kỳ báo cáo')),
                        ('deadline', models.DateTimeField(verbose_name='hạn nộp')),
                        ('phase', models.CharField(choices=[('chua_mo', 'Chưa mở'), ('nop', 'Đơn vị nộp báo cáo'), ('tham_dinh', 'Cụm trưởng thẩm định'), ('giai_trinh', 'Đơn vị giải trình, thẩm định lại'), ('chot', 'Đã chốt kết quả')], default='chua_mo', max_length=12, verbose_name='giai đoạn')),
                        ('tie_break', models.CharField(choices=[('tu_cham', 'Điểm tự chấm cao hơn xếp trên'), ('nop_som', 'Nộp sớm hơn xếp trên'), ('dong_hang', 'Đồng hạng')], default='tu_cham', max_length=10, verbose_name='cách xếp khi bằng điểm')),
                        ('finalised_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm chốt')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('cluster', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cluster.cluster', verbose_name='cụm')),
                        ('finalised_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người chốt')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical kỳ báo cáo',
                        'verbose_name_plural': 'historical kỳ báo cáo',
                        'db_table': 'campaigns_historicalreportingperiod',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ReportingPeriod',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('kind', models.CharField(choices=[('6_thang', '6 tháng đầu năm'), ('ca_nam', 'Cả năm')], max_length=10, verbose_name='kỳ báo cáo')),
                        ('deadline', models.DateTimeField(verbose_name='hạn nộp')),
                        ('phase', models.CharField(choices=[('chua_mo', 'Chưa mở'), ('nop', 'Đơn vị nộp báo cáo'), ('tham_dinh', 'Cụm trưởng thẩm định'), ('giai_trinh', 'Đơn vị giải trình, thẩm định lại'), ('chot', 'Đã chốt kết quả')], default='chua_mo', max_length=12, verbose_name='giai đoạn')),
                        ('tie_break', models.CharField(choices=[('tu_cham', 'Điểm tự chấm cao hơn xếp trên'), ('nop_som', 'Nộp sớm hơn xếp trên'), ('dong_hang', 'Đồng hạng')], default='tu_cham', max_length=10, verbose_name='cách xếp khi bằng điểm')),
                        ('finalised_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm chốt')),
                        ('cluster', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reporting_periods', to='cluster.cluster', verbose_name='cụm')),
                        ('finalised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người chốt')),
                    ],
                    options={
                        'verbose_name': 'kỳ báo cáo',
                        'verbose_name_plural': 'kỳ báo cáo',
                        'db_table': 'campaigns_reportingperiod',
                        'ordering': ['cluster', '-year', 'kind'],
                    },
                ),
                migrations.CreateModel(
                    name='ReminderLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(help_text='Ví dụ: truoc-3-ngay, qua-han', max_length=40, verbose_name='loại nhắc')),
                        ('recipients', models.TextField(blank=True, verbose_name='người nhận')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm gửi')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cluster.unit')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='results.reportingperiod')),
                    ],
                    options={
                        'verbose_name': 'thư nhắc đã gửi',
                        'verbose_name_plural': 'thư nhắc đã gửi',
                        'db_table': 'campaigns_reminderlog',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalUnitReport',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('state', models.CharField(choices=[('du_thao', 'Dự thảo'), ('da_nop', 'Đã nộp'), ('tra_lai', 'Trả lại để bổ sung'), ('da_tham_dinh', 'Đã thẩm định'), ('da_giai_trinh', 'Đơn vị đã giải trình'), ('tham_dinh_lai', 'Đã thẩm định lại'), ('chot', 'Đã chốt')], default='du_thao', max_length=16, verbose_name='trạng thái')),
                        ('version', models.PositiveIntegerField(default=0, help_text='Tăng mỗi lần lưu; chống ghi đè.', verbose_name='phiên bản')),
                        ('key_figures', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='số liệu chủ yếu')),
                        ('highlights', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='kết quả nổi bật, cách làm hay')),
                        ('shortcomings', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='tồn tại, hạn chế')),
                        ('proposals', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='đề xuất, kiến nghị')),
                        ('self_total', models.DecimalField(decimal_places=2, default=0, max_digits=8, verbose_name='tổng điểm tự chấm')),
                        ('final_total', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='tổng điểm sau thẩm định')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm nộp')),
                        ('is_late', models.BooleanField(default=False, verbose_name='nộp muộn')),
                        ('last_saved_at', models.DateTimeField(blank=True, null=True, verbose_name='lưu lần cuối')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='dữ liệu minh họa')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('last_saved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người lưu lần cuối')),
                        ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nộp')),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cluster.unit', verbose_name='đơn vị')),
                        ('period', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='results.reportingperiod', verbose_name='kỳ báo cáo')),
                    ],
                    options={
                        'verbose_name': 'historical báo cáo của đơn vị',
                        'verbose_name_plural': 'historical báo cáo của đơn vị',
                        'db_table': 'campaigns_historicalunitreport',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='StateArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                        ('name', cluster.fields.UserCharField(max_length=200, verbose_name='lĩnh vực')),
                        ('cluster', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='state_areas', to='cluster.cluster', verbose_name='cụm')),
                    ],
                    options={
                        'verbose_name': 'lĩnh vực quản lý nhà nước',
                        'verbose_name_plural': 'lĩnh vực quản lý nhà nước',
                        'db_table': 'campaigns_statearea',
                        'ordering': ['cluster', 'year', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='UnitReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('du_thao', 'Dự thảo'), ('da_nop', 'Đã nộp'), ('tra_lai', 'Trả lại để bổ sung'), ('da_tham_dinh', 'Đã thẩm định'), ('da_giai_trinh', 'Đơn vị đã giải trình'), ('tham_dinh_lai', 'Đã thẩm định lại'), ('chot', 'Đã chốt')], default='du_thao', max_length=16, verbose_name='trạng thái')),
                        ('version', models.PositiveIntegerField(default=0, help_text='Tăng mỗi lần lưu; chống ghi đè.', verbose_name='phiên bản')),
                        ('key_figures', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='số liệu chủ yếu')),
                        ('highlights', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='kết quả nổi bật, cách làm hay')),
                        ('shortcomings', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='tồn tại, hạn chế')),
                        ('proposals', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='đề xuất, kiến nghị')),
                        ('self_total', models.DecimalField(decimal_places=2, default=0, max_digits=8, verbose_name='tổng điểm tự chấm')),
                        ('final_total', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='tổng điểm sau thẩm định')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='thời điểm nộp')),
                        ('is_late', models.BooleanField(default=False, verbose_name='nộp muộn')),
                        ('last_saved_at', models.DateTimeField(blank=True, null=True, verbose_name='lưu lần cuối')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='dữ liệu minh họa')),
                        ('last_saved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người lưu lần cuối')),
                        ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='results.reportingperiod', verbose_name='kỳ báo cáo')),
                        ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nộp')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='cluster.unit', verbose_name='đơn vị')),
                    ],
                    options={
                        'verbose_name': 'báo cáo của đơn vị',
                        'verbose_name_plural': 'báo cáo của đơn vị',
                        'db_table': 'campaigns_unitreport',
                        'ordering': ['period', 'unit__short_name'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_state', models.CharField(choices=[('du_thao', 'Dự thảo'), ('da_nop', 'Đã nộp'), ('tra_lai', 'Trả lại để bổ sung'), ('da_tham_dinh', 'Đã thẩm định'), ('da_giai_trinh', 'Đơn vị đã giải trình'), ('tham_dinh_lai', 'Đã thẩm định lại'), ('chot', 'Đã chốt')], max_length=16, verbose_name='từ trạng thái')),
                        ('to_state', models.CharField(choices=[('du_thao', 'Dự thảo'), ('da_nop', 'Đã nộp'), ('tra_lai', 'Trả lại để bổ sung'), ('da_tham_dinh', 'Đã thẩm định'), ('da_giai_trinh', 'Đơn vị đã giải trình'), ('tham_dinh_lai', 'Đã thẩm định lại'), ('chot', 'Đã chốt')], max_length=16, verbose_name='sang trạng thái')),
                        ('at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm')),
                        ('note', cluster.fields.UserTextField(blank=True, max_length=2000, verbose_name='ghi chú')),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='results.unitreport')),
                    ],
                    options={
                        'verbose_name': 'lịch sử báo cáo',
                        'verbose_name_plural': 'lịch sử báo cáo',
                        'db_table': 'campaigns_reportevent',
                        'ordering': ['report', 'at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalGoodPractice',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('title', cluster.fields.UserCharField(max_length=300, verbose_name='tên điển hình, cách làm hay')),
                        ('description', cluster.fields.UserTextField(max_length=20000, verbose_name='mô tả')),
                        ('results', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='kết quả, hiệu quả')),
                        ('source', models.CharField(choices=[('bao_cao', 'Báo cáo của đơn vị'), ('hoi_nghi', 'Hội nghị'), ('khac', 'Khác')], default='bao_cao', max_length=10, verbose_name='nguồn')),
                        ('evidence', models.TextField(blank=True, max_length=200, verbose_name='minh chứng')),
                        ('evidence_name', cluster.fields.UserCharField(blank=True, max_length=200, verbose_name='tên tệp minh chứng')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='ngày nhập')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='dữ liệu minh họa')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('cluster', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cluster.cluster', verbose_name='cụm')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nhập')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cluster.unit', verbose_name='đơn vị')),
                        ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='results.statearea', verbose_name='lĩnh vực')),
                        ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='results.unitreport', verbose_name='báo cáo')),
                    ],
                    options={
                        'verbose_name': 'historical điển hình tiên tiến, cách làm hay',
                        'verbose_name_plural': 'historical điển hình tiên tiến, cách làm hay',
                        'db_table': 'campaigns_historicalgoodpractice',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalCriterionScore',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('actual', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='kết quả thực hiện')),
                        ('achieved', models.BooleanField(blank=True, null=True, verbose_name='đạt')),
                        ('count', models.PositiveIntegerField(blank=True, null=True, verbose_name='số lần')),
                        ('note', cluster.fields.UserTextField(blank=True, max_length=5000, verbose_name='thuyết minh')),
                        ('self_points', models.DecimalField(decimal_places=2, default=0, max_digits=8, verbose_name='điểm tự chấm')),
                        ('adjusted_points', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='điểm thẩm định')),
                        ('review_comment', cluster.fields.UserTextField(blank=True, max_length=5000, verbose_name='ý kiến thẩm định')),
                        ('explanation', cluster.fields.UserTextField(blank=True, max_length=5000, verbose_name='giải trình của đơn vị')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('criterion', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='campaigns.criterion', verbose_name='tiêu chí')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='results.unitreport')),
                    ],
                    options={
                        'verbose_name': 'historical điểm tiêu chí',
                        'verbose_name_plural': 'historical điểm tiêu chí',
                        'db_table': 'campaigns_historicalcriterionscore',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAreaNarrative',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('text', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='kết quả')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='results.statearea', verbose_name='lĩnh vực')),
                        ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='results.unitreport')),
                    ],
                    options={
                        'verbose_name': 'historical kết quả theo lĩnh vực',
                        'verbose_name_plural': 'historical kết quả theo lĩnh vực',
                        'db_table': 'campaigns_historicalareanarrative',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='GoodPractice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('title', cluster.fields.UserCharField(max_length=300, verbose_name='tên điển hình, cách làm hay')),
                        ('description', cluster.fields.UserTextField(max_length=20000, verbose_name='mô tả')),
                        ('results', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='kết quả, hiệu quả')),
                        ('source', models.CharField(choices=[('bao_cao', 'Báo cáo của đơn vị'), ('hoi_nghi', 'Hội nghị'), ('khac', 'Khác')], default='bao_cao', max_length=10, verbose_name='nguồn')),
                        ('evidence', models.FileField(blank=True, max_length=200, upload_to='good-practices/', verbose_name='minh chứng')),
                        ('evidence_name', cluster.fields.UserCharField(blank=True, max_length=200, verbose_name='tên tệp minh chứng')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày nhập')),
                        ('is_illustrative', models.BooleanField(default=False, verbose_name='dữ liệu minh họa')),
                        ('cluster', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='good_practices', to='cluster.cluster', verbose_name='cụm')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nhập')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='good_practices', to='cluster.unit', verbose_name='đơn vị')),
                        ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='good_practices', to='results.statearea', verbose_name='lĩnh vực')),
                        ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='good_practices', to='results.unitreport', verbose_name='báo cáo')),
                    ],
                    options={
                        'verbose_name': 'điển hình tiên tiến, cách làm hay',
                        'verbose_name_plural': 'điển hình tiên tiến, cách làm hay',
                        'db_table': 'campaigns_goodpractice',
                        'ordering': ['-year', '-created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='EvidenceFile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stage', models.CharField(choices=[('tu_cham', 'Minh chứng tự chấm'), ('tham_dinh', 'Tệp thẩm định'), ('giai_trinh', 'Tệp giải trình')], default='tu_cham', max_length=12, verbose_name='bước')),
                        ('file', models.FileField(max_length=200, upload_to='evidence/', verbose_name='tệp')),
                        ('original_name', cluster.fields.UserCharField(max_length=200, verbose_name='tên tệp')),
                        ('mime', models.CharField(max_length=100, verbose_name='loại tệp')),
                        ('size', models.PositiveIntegerField(verbose_name='dung lượng (byte)')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm tải lên')),
                        ('criterion', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.criterion', verbose_name='tiêu chí')),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='results.unitreport')),
                    ],
                    options={
                        'verbose_name': 'tệp minh chứng',
                        'verbose_name_plural': 'tệp minh chứng',
                        'db_table': 'campaigns_evidencefile',
                        'ordering': ['report', 'criterion', 'uploaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='CriterionScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('actual', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='kết quả thực hiện')),
                        ('achieved', models.BooleanField(blank=True, null=True, verbose_name='đạt')),
                        ('count', models.PositiveIntegerField(blank=True, null=True, verbose_name='số lần')),
                        ('note', cluster.fields.UserTextField(blank=True, max_length=5000, verbose_name='thuyết minh')),
                        ('self_points', models.DecimalField(decimal_places=2, default=0, max_digits=8, verbose_name='điểm tự chấm')),
                        ('adjusted_points', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='điểm thẩm định')),
                        ('review_comment', cluster.fields.UserTextField(blank=True, max_length=5000, verbose_name='ý kiến thẩm định')),
                        ('explanation', cluster.fields.UserTextField(blank=True, max_length=5000, verbose_name='giải trình của đơn vị')),
                        ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='campaigns.criterion', verbose_name='tiêu chí')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='results.unitreport')),
                    ],
                    options={
                        'verbose_name': 'điểm tiêu chí',
                        'verbose_name_plural': 'điểm tiêu chí',
                        'db_table': 'campaigns_criterionscore',
                    },
                ),
                migrations.CreateModel(
                    name='AreaNarrative',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', cluster.fields.UserTextField(blank=True, max_length=20000, verbose_name='kết quả')),
                        ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='results.statearea', verbose_name='lĩnh vực')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='narratives', to='results.unitreport')),
                    ],
                    options={
                        'verbose_name': 'kết quả theo lĩnh vực',
                        'verbose_name_plural': 'kết quả theo lĩnh vực',
                        'db_table': 'campaigns_areanarrative',
                    },
                ),
                migrations.AddConstraint(
                    model_name='reportingperiod',
                    constraint=models.UniqueConstraint(fields=('cluster', 'year', 'kind'), name='period_one_per_kind', violation_error_message='Cụm đã có kỳ báo cáo này.'),
                ),
                migrations.AddConstraint(
                    model_name='reminderlog',
                    constraint=models.UniqueConstraint(fields=('period', 'unit', 'key'), name='reminder_once'),
                ),
                migrations.AddConstraint(
                    model_name='statearea',
                    constraint=models.UniqueConstraint(fields=('cluster', 'year', 'name'), name='statearea_unique_name'),
                ),
                migrations.AddConstraint(
                    model_name='unitreport',
                    constraint=models.UniqueConstraint(fields=('period', 'unit'), name='report_one_per_unit', violation_error_message='Đơn vị đã có báo cáo kỳ này.'),
                ),
                migrations.AddIndex(
                    model_name='goodpractice',
                    index=models.Index(fields=['cluster', 'year'], name='campaigns_g_cluster_fafe48_idx'),
                ),
                migrations.AddConstraint(
                    model_name='criterionscore',
                    constraint=models.UniqueConstraint(fields=('report', 'criterion'), name='score_one_per_criterion'),
                ),
                migrations.AddConstraint(
                    model_name='areanarrative',
                    constraint=models.UniqueConstraint(fields=('report', 'area'), name='narrative_one_per_area'),
                ),
    
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
