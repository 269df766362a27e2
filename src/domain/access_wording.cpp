// The access policy's words: names of kinds and operations, and the Chinese explanation and
// stable code of each refusal (the decisions themselves are in access_policy.cpp).
#include "domain/access_policy.hpp"

namespace mvis::domain::access {

std::string_view ToString(Kind kind) {
  switch (kind) {
    case Kind::kOrganisation:
      return "org";
    case Kind::kUser:
      return "user";
    case Kind::kMessage:
      return "message";
    case Kind::kArchive:
      return "archive";
    case Kind::kInstrumentType:
      return "instrument_type";
    case Kind::kInstrument:
      return "instrument";
    case Kind::kImport:
      return "import";
    case Kind::kInstituteProfile:
      return "institute_profile";
    case Kind::kStandard:
      return "standard";
    case Kind::kRegulation:
      return "regulation";
    case Kind::kAppointment:
      return "appointment";
    case Kind::kVerificationRecord:
      return "verification";
    case Kind::kCertificate:
      return "certificate";
    case Kind::kOverview:
      return "overview";
    case Kind::kPlatform:
      return "platform";
    case Kind::kAnnouncement:
      return "announcement";
    case Kind::kSamplingPlan:
      return "sampling_plan";
    case Kind::kRectification:
      return "rectification";
    case Kind::kInspectionItem:
      return "inspection_item";
    case Kind::kInspector:
      return "inspector";
    case Kind::kInspectionPlan:
      return "inspection_plan";
    case Kind::kInspectionTask:
      return "inspection_task";
    case Kind::kWorkCalendar:
      return "work_calendar";
    case Kind::kStatistics:
      return "statistics";
    case Kind::kAcceptanceCheck:
      return "acceptance_check";
    case Kind::kAnnualReport:
      return "annual_report";
    case Kind::kProblemReport:
      return "problem_report";
    case Kind::kBulletin:
      return "bulletin";
    case Kind::kInstituteReport:
      return "institute_report";
    case Kind::kMilestone:
      return "milestone";
    case Kind::kReconciliation:
      return "reconciliation";
    case Kind::kChargeAlert:
      return "charge_alert";
  }
  return "";
}

std::string_view ToString(Op op) {
  switch (op) {
    case Op::kRead:
      return "read";
    case Op::kCreate:
      return "create";
    case Op::kEdit:
      return "edit";
    case Op::kSubmit:
      return "submit";
    case Op::kWithdraw:
      return "withdraw";
    case Op::kReview:
      return "review";
    case Op::kHandle:
      return "handle";
    case Op::kSign:
      return "sign";
    case Op::kRevise:
      return "revise";
    case Op::kPrintLabel:
      return "print_label";
    case Op::kAdminister:
      return "administer";
  }
  return "";
}

namespace {

// The Chinese explanation of a refusal, and its code.
std::pair<std::string, std::string> Explain(Kind kind, Op op) {
  switch (kind) {
    case Kind::kInstrument:
      if (op == Op::kReview) return {"", "只有器具安装地所在区的市场监管局可以审核备案"};
      if (op == Op::kRead) return {"", "当前角色无权查看器具登记信息"};
      return {"", "只有运营企业可以登记和申报器具"};
    case Kind::kInstrumentType:
      return {"", "只有市市场监管局可以维护器具目录"};
    case Kind::kArchive:
      return {"", "只有市场监管部门可以查看企业档案"};
    case Kind::kOverview:
      return {"", "只有市场监管部门可以查看检定监管信息"};
    case Kind::kImport:
      return {"", "只有运营企业可以批量导入器具"};
    case Kind::kAppointment:
      if (op == Op::kHandle) return {"", "只有受理预约的检定机构可以办理"};
      if (op == Op::kRead) return {"", "当前角色无权查看预约检定"};
      return {"", "只有企业用户可以预约检定"};
    case Kind::kVerificationRecord:
      if (op == Op::kCreate || op == Op::kEdit)
        return {"duty_missing", "只有检定机构的检定员可以录入或修改检定记录"};
      return {"", "只有检定机构人员可以办理检定记录"};
    case Kind::kCertificate:
      if (op == Op::kRevise) return {"duty_missing", "只有本机构的批准人可以修订或注销证书"};
      if (op == Op::kPrintLabel) return {"", "只有检定机构或器具所属企业可以打印合格标识"};
      return {"", "无权执行此操作"};
    case Kind::kStandard:
      return {"", "只有检定机构人员可以管理计量标准器"};
    case Kind::kAnnouncement:
      return {"", "只有市市场监管局可以发布通知公告"};
    case Kind::kSamplingPlan:
      return {"", "只有市市场监管局可以制定和抽取抽样检定计划"};
    case Kind::kRectification:
      if (op == Op::kSubmit) return {"", "只有被通知整改的企业可以提交整改情况"};
      return {"", "只有辖区市场监管局可以验收整改"};
    case Kind::kInspectionItem:
      return {"", "只有市市场监管局可以维护抽查事项清单"};
    case Kind::kInspector:
      return {"", "只有市场监管部门可以维护执法检查人员名录库"};
    case Kind::kInspectionPlan:
      if (op == Op::kReview) return {"", "只有市市场监管局可以审核年度抽查计划"};
      if (op == Op::kRead) return {"", "只有市场监管部门可以查看年度抽查计划"};
      return {"", "只有区市场监管局可以编制和报送年度抽查计划"};
    case Kind::kInspectionTask:
      return {"", "只有市场监管部门可以办理双随机抽查任务"};
    case Kind::kWorkCalendar:
      return {"", "只有市市场监管局可以维护工作日历"};
    case Kind::kStatistics:
      return {"", "只有市场监管部门和发展改革部门可以查看统计分析"};
    case Kind::kAcceptanceCheck:
      if (op == Op::kRead) return {"", "无权查看验收核查"};
      return {"", "只有发展改革部门可以发起验收核查"};
    case Kind::kAnnualReport:
      if (op == Op::kReview) return {"", "只有市市场监管局可以审核年度工作报告"};
      if (op == Op::kRead) return {"", "只有市场监管部门可以查看年度工作报告"};
      return {"", "只有区市场监管局可以编制和报送年度工作报告"};
    case Kind::kProblemReport:
      if (op == Op::kReview) return {"", "只有市市场监管局可以签收重大问题报告"};
      if (op == Op::kRead) return {"", "只有市场监管部门可以查看重大问题报告"};
      return {"", "只有区市场监管局可以上报重大问题"};
    case Kind::kBulletin:
      if (op == Op::kRead) return {"", "只有市市场监管局和发展改革部门可以查看通报"};
      return {"", "只有市市场监管局可以发布通报"};
    case Kind::kInstituteReport:
      return {"", "只有检定机构和市市场监管局可以查看检定统计分析"};
    case Kind::kMilestone:
      if (op == Op::kRead) return {"", "只有市场监管部门和发展改革部门可以查看工作节点"};
      return {"", "只有市市场监管局可以设置工作节点"};
    case Kind::kReconciliation:
      return {"", "只有市场监管部门可以查看在用未备案核查结果"};
    case Kind::kChargeAlert:
      return {"", "只有市场监管部门可以查看计量作弊线索"};
    default:
      return {"", "无权执行此操作"};
  }
}

}  // namespace

Error DenialError(Decision decision, Kind kind, Op op, std::string_view what_zh) {
  if (decision == Decision::kHidden) {
    return Error{
        ErrorKind::kNotFound, "not_found", std::string(what_zh) + "不存在或无权访问", {}, {}};
  }
  auto [code, message] = Explain(kind, op);
  return Error{
      ErrorKind::kPermissionDenied, code.empty() ? "permission_denied" : code, message, {}, {}};
}

Status Check(const Subject& subject, const Resource& resource, Op op, std::string_view what_zh) {
  Decision d = Decide(subject, resource, op);
  if (d == Decision::kAllow) return {};
  return std::unexpected(DenialError(d, resource.kind, op, what_zh));
}

Status CheckRole(const Subject& subject, Kind kind, Op op) {
  Decision d = Permits(subject, kind, op);
  if (d == Decision::kAllow) return {};
  return std::unexpected(DenialError(d, kind, op, ""));
}

}  // namespace mvis::domain::access
