"""The kinds of notice (issue #16): one per event that asks something of someone or changes
their record. A person may turn e-mail off per kind (``EmailOptOut``); the notice in the app
is always kept. Apps above this one name the kind they send; nothing here knows their models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_TO_REVIEW = "bao_cao_cho_tham_dinh", _("Báo cáo chờ thẩm định")
    REPORT_RETURNED = "bao_cao_tra_lai", _("Báo cáo bị trả lại")
    REPORT_REVIEWED = "bao_cao_da_tham_dinh", _("Báo cáo đã được thẩm định")
    EXPLANATION_REQUESTED = "yeu_cau_giai_trinh", _("Yêu cầu giải trình")
    PERIOD_PHASE = "ky_bao_cao_chuyen_giai_doan", _("Kỳ báo cáo chuyển giai đoạn")
    REPORT_DEADLINE = "han_nop_bao_cao", _("Hạn nộp báo cáo")
    PLEDGE_OPEN = "giao_uoc_mo_ky", _("Giao ước mở để ký")
    PLEDGE_DEADLINE = "han_ky_giao_uoc", _("Hạn ký giao ước")
    VOTE_OPEN = "mo_bo_phieu", _("Mở bỏ phiếu bình xét")
    VOTE_CLOSING = "sap_het_han_bo_phieu", _("Sắp hết hạn bỏ phiếu")
    PROPOSAL_RECEIVED = "de_nghi_da_gui", _("Đơn vị gửi đề nghị khen thưởng")
    PROPOSAL_RETURNED = "de_nghi_tra_lai", _("Đề nghị khen thưởng bị trả lại")
    PROPOSAL_ACCEPTED = "de_nghi_duoc_tiep_nhan", _("Đề nghị khen thưởng được tiếp nhận")
    PROPOSAL_DEADLINE = "han_gui_de_nghi", _("Hạn gửi đề nghị khen thưởng")
    DOSSIER_SENT = "ho_so_da_gui", _("Hồ sơ đề nghị gửi cấp trên")
    DOSSIER_RETURNED = "ho_so_tra_lai", _("Hồ sơ bị cấp trên trả lại")
    DOSSIER_DEADLINE = "han_gui_ho_so", _("Hạn gửi hồ sơ khen thưởng")
    DECISION_RECORDED = "da_co_quyet_dinh", _("Đã có quyết định khen thưởng")
    CONSULTATION_COMMENT = "y_kien_lay_y_kien", _("Ý kiến góp ý trong thời gian lấy ý kiến")
    PLAN_DUE = "chua_ban_hanh_ke_hoach", _("Cụm chưa ban hành kế hoạch thi đua của năm")
    SOURCES_TO_CHECK = "quy_dinh_cho_doi_chieu", _("Quy định chờ đối chiếu với văn bản gốc")
