#include "domain/audit_names.hpp"

#include <array>
#include <utility>

#include "domain/announcement.hpp"
#include "domain/appointment.hpp"
#include "domain/certificate.hpp"
#include "domain/charge_alert.hpp"
#include "domain/filing.hpp"
#include "domain/import_batch.hpp"
#include "domain/inspection.hpp"
#include "domain/organisation.hpp"
#include "domain/rectification.hpp"
#include "domain/report.hpp"
#include "domain/sampling.hpp"

namespace mvis::domain {
namespace {

using Name = std::pair<std::string_view, std::string_view>;

constexpr std::array kActions = {
    Name{"auth.login", "登录"},
    Name{"auth.logout", "退出登录"},
    Name{"auth.register", "企业注册"},
    Name{"auth.password.change", "修改密码"},
    Name{"auth.password.reset", "短信找回密码"},
    Name{"auth.sms_code.send", "发送短信验证码"},
    Name{"admin.org.create", "新增单位"},
    Name{"admin.org.update", "修改单位信息"},
    Name{"admin.user.create", "新增用户"},
    Name{"admin.user.update", "修改用户信息"},
    Name{"admin.user.enable", "启用账号"},
    Name{"admin.user.disable", "停用账号"},
    Name{"admin.user.reset_password", "管理员重置密码"},
    Name{"org.license.upload", "上传营业执照"},
    Name{"inbox.read", "消息标为已读"},
    Name{"inbox.read_all", "消息全部标为已读"},
    Name{"catalogue.type.create", "新增器具类型"},
    Name{"catalogue.type.update", "修改器具类型"},
    Name{"institute.profile.save", "保存检定机构信息"},
    Name{"institute.seal.save", "上传检定专用章"},
    Name{"institute.standard.save", "保存计量标准器"},
    Name{"instrument.edit", "器具登记/修改"},
    Name{"instrument.submit", "器具申请备案"},
    Name{"instrument.approve", "备案审核通过"},
    Name{"instrument.return", "备案审核退回"},
    Name{"instrument.request_change", "申请变更备案"},
    Name{"instrument.approve_change", "变更审核通过"},
    Name{"instrument.reject_change", "变更审核退回"},
    Name{"instrument.deregister", "器具注销"},
    Name{"instrument.delete", "删除草稿器具"},
    Name{"import.upload", "上传导入文件"},
    Name{"import.row.update", "修改导入行"},
    Name{"import.row.remove", "删除导入行"},
    Name{"import.commit", "确认批量导入"},
    Name{"import.created", "批量导入入库"},
    Name{"appointment.edit", "保存预约"},
    Name{"appointment.submit", "提交预约"},
    Name{"appointment.cancel", "取消预约"},
    Name{"appointment.accept", "受理预约"},
    Name{"appointment.reject", "拒绝预约"},
    Name{"appointment.schedule", "安排检定"},
    Name{"appointment.complete", "预约检定完成"},
    Name{"appointment.dispatch", "下发抽样检定任务"},
    Name{"appointment.mark_unverifiable", "标记不具备检定条件"},
    Name{"verification.create", "录入检定记录"},
    Name{"verification.update", "修改检定记录"},
    Name{"verification.sign", "检定记录签名"},
    Name{"verification.send_back", "退回检定记录"},
    Name{"certificate.issue", "出具证书"},
    Name{"certificate.revise", "修订证书"},
    Name{"certificate.revoke", "撤销证书"},
    Name{"job.reminders.run", "检定到期提醒任务"},
    Name{"label_key.rotate", "更换标识签名密钥"},
    Name{"announcement.create", "新增通知公告"},
    Name{"announcement.edit", "修改通知公告"},
    Name{"announcement.delete", "删除通知公告草稿"},
    Name{"announcement.publish", "发布通知公告"},
    Name{"announcement.withdraw", "撤回通知公告"},
    Name{"announcement.read", "阅读通知公告"},
    Name{"sampling_plan.create", "新建抽样检定计划"},
    Name{"sampling_plan.draw", "抽取样本"},
    Name{"sampling_plan.redraw", "重新抽取样本"},
    Name{"sampling_plan.dispatch", "下发抽样检定任务"},
    Name{"sampling_plan.request_followups", "要求企业举一反三"},
    Name{"rectification.create", "下发整改通知"},
    Name{"rectification.answer", "提交整改情况"},
    Name{"rectification.accept", "验收整改"},
    Name{"rectification.return", "退回整改"},
    Name{"rectification.open_case", "立案"},
    Name{"rectification.decide_case", "作出处理决定"},
    Name{"rectification.close_case", "结案"},
    Name{"rectification.photo", "上传整改照片"},
    Name{"credit.recompute", "重新计算信用风险分类"},
    Name{"credit.override", "调整信用风险分类"},
    Name{"inspection_item.create", "新增抽查事项"},
    Name{"inspection_item.edit", "修改抽查事项"},
    Name{"inspector.create", "新增执法检查人员"},
    Name{"inspector.edit", "修改执法检查人员"},
    Name{"inspector.conflict", "申报利害关系"},
    Name{"inspector.conflict_removed", "撤销利害关系申报"},
    Name{"acceptance_check.create", "发起验收核查"},
    Name{"annual_report.create", "编制年度工作报告"},
    Name{"annual_report.edit", "修改年度工作报告"},
    Name{"annual_report.submit", "报送年度工作报告"},
    Name{"annual_report.accept", "通过年度工作报告"},
    Name{"annual_report.return", "退回年度工作报告"},
    Name{"problem_report.create", "上报重大问题"},
    Name{"problem_report.attach", "上传重大问题附件"},
    Name{"problem_report.acknowledge", "签收重大问题报告"},
    Name{"bulletin.publish", "发布通报"},
    Name{"milestone.create", "设置工作节点"},
    Name{"milestone.edit", "修改工作节点"},
    Name{"milestone.withdraw", "撤销工作节点"},
    Name{"inspection_plan.create", "编制年度抽查计划"},
    Name{"inspection_plan.edit", "修改年度抽查计划"},
    Name{"inspection_plan.submit", "报送年度抽查计划"},
    Name{"inspection_plan.accept", "通过年度抽查计划"},
    Name{"inspection_plan.return", "退回年度抽查计划"},
    Name{"inspection_task.create", "新建双随机抽查任务"},
    Name{"inspection_task.draw", "抽取检查对象和执法人员"},
    Name{"inspection_task.swap", "调换检查人员"},
    Name{"inspection_task.recuse", "执法人员回避"},
    Name{"inspection_task.record", "录入现场检查记录"},
    Name{"inspection_task.photo", "上传现场照片"},
    Name{"inspection_task.sign", "检查记录签名"},
    Name{"inspection_task.complete", "抽查任务检查完成"},
    Name{"inspection_task.publish", "公示抽查结果"},
    Name{"work_calendar.edit", "设置工作日历"},
    Name{"work_calendar.delete", "删除工作日历设置"},
    Name{"platform.tcec_operator_create", "开通平台数据对接"},
    Name{"platform.tcec_operator_rotate", "轮换平台对接密钥"},
    Name{"platform.tcec_platform_save", "配置监管平台对接"},
    Name{"platform.platform_pull", "同步监管平台充电站信息"},
    Name{"platform.tcec_operator_disable", "停用平台数据对接"},
    Name{"platform.tcec_operator_enable", "启用平台数据对接"},
    Name{"charge_alert.dismiss", "排除计量作弊线索"},
    Name{"charge_alert.inspect", "计量作弊线索立案核查"},
    Name{"charge_alert.run", "发起计量作弊线索批量分析"},
    Name{"platform.tou_tariff_create", "新增分时电价表"},
    Name{"instrument.meter_key_register", "登记电能表公钥"},
    Name{"instrument.meter_key_revoke", "注销电能表公钥"},
    Name{"platform.tou_tariff_delete", "删除分时电价表"},
    Name{"platform.charge_orders_import", "导入平台充电订单文件"},
    Name{"reconciliation.notify", "通知企业办理在用充电桩备案"},
};

constexpr std::array kObjects = {
    Name{"user", "用户"},
    Name{"org", "单位"},
    Name{"phone", "手机号"},
    Name{"message", "消息"},
    Name{"instrument", "器具"},
    Name{"instrument_type", "器具类型"},
    Name{"import", "导入批次"},
    Name{"appointment", "预约单"},
    Name{"verification", "检定记录"},
    Name{"certificate", "证书"},
    Name{"standard", "计量标准器"},
    Name{"job", "定时任务"},
    Name{"label_key", "标识签名密钥"},
    Name{"announcement", "通知公告"},
    Name{"sampling_plan", "抽样检定计划"},
    Name{"rectification", "整改通知"},
    Name{"inspection_item", "抽查事项"},
    Name{"inspector", "执法检查人员"},
    Name{"inspection_plan", "年度抽查计划"},
    Name{"inspection_task", "双随机抽查任务"},
    Name{"work_calendar", "工作日历"},
    Name{"acceptance_check", "验收核查"},
    Name{"annual_report", "年度工作报告"},
    Name{"problem_report", "重大问题报告"},
    Name{"bulletin", "通报"},
    Name{"milestone", "工作节点"},
    Name{"platform", "系统平台"},
    Name{"charge_alert", "计量作弊线索"},
    Name{"reconciliation", "在用未备案核查"},
};

std::string Lookup(const auto& table, std::string_view key) {
  for (const auto& [code, name] : table)
    if (code == key) return std::string(name);
  return std::string(key);
}

std::string_view ImportStatusName(ImportStatus s) {
  switch (s) {
    case ImportStatus::kParsing:
      return "解析中";
    case ImportStatus::kReady:
      return "待确认";
    case ImportStatus::kCommitted:
      return "已导入";
    case ImportStatus::kFailed:
      return "解析失败";
  }
  return {};
}

std::string_view CertificateStatusName(CertificateStatus s) {
  switch (s) {
    case CertificateStatus::kValid:
      return "有效";
    case CertificateStatus::kSuperseded:
      return "已被修订";
    case CertificateStatus::kRevoked:
      return "已撤销";
  }
  return {};
}

template <typename Parse, typename Name>
std::string NameVia(std::string_view status, Parse parse, Name name) {
  auto parsed = parse(status);
  return parsed ? std::string(name(*parsed)) : std::string(status);
}

}  // namespace

std::string AuditActionName(std::string_view action) { return Lookup(kActions, action); }

std::string AuditObjectName(std::string_view object_type) { return Lookup(kObjects, object_type); }

std::string StateName(std::string_view object_type, std::string_view status) {
  if (status.empty()) return {};
  auto display = [](auto s) { return DisplayName(s); };
  if (object_type == "instrument") return NameVia(status, ParseFilingStatus, display);
  if (object_type == "appointment") return NameVia(status, ParseAppointmentStatus, display);
  if (object_type == "verification") return NameVia(status, ParseRecordStatus, display);
  if (object_type == "certificate")
    return NameVia(status, ParseCertificateStatus, CertificateStatusName);
  if (object_type == "import") return NameVia(status, ParseImportStatus, ImportStatusName);
  if (object_type == "sampling_plan") return NameVia(status, ParseSamplingStatus, display);
  if (object_type == "announcement") return NameVia(status, ParseAnnouncementStatus, display);
  if (object_type == "rectification") return NameVia(status, ParseRectificationStatus, display);
  if (object_type == "inspection_plan") return NameVia(status, ParseInspectionPlanStatus, display);
  if (object_type == "annual_report") return NameVia(status, ParseAnnualReportStatus, display);
  if (object_type == "problem_report") return NameVia(status, ParseProblemReportStatus, display);
  if (object_type == "bulletin" && status == "published") return "已发布";
  if (object_type == "milestone") {
    if (status == "active") return "进行中";
    if (status == "withdrawn") return "已撤销";
  }
  if (object_type == "charge_alert") return NameVia(status, ParseChargeAlertStatus, display);
  if (object_type == "inspection_task") {
    if (auto s = ParseInspectionTaskStatus(status)) return std::string(DisplayName(*s));
    return NameVia(status, ParseInspectionObjectStatus, display);  // an object's steps
  }
  if (object_type == "acceptance_check") {
    if (status == "passed") return "全部合格";
    if (status == "gaps") return "存在问题";
  }
  if (object_type == "work_calendar") {
    if (status == "holiday") return "法定节假日";
    if (status == "workday") return "调休上班";
  }
  return std::string(status);
}

std::vector<std::string> AuditActionsNamed(std::string_view words) {
  std::vector<std::string> out;
  if (words.empty()) return out;
  for (const auto& [code, name] : kActions)
    if (name.find(words) != std::string_view::npos) out.emplace_back(code);
  return out;
}

std::vector<std::string> AuditActionCodes() {
  std::vector<std::string> out;
  for (const auto& [code, name] : kActions) out.emplace_back(code);
  return out;
}

}  // namespace mvis::domain
