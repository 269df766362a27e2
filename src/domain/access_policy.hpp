// The one access policy (DESIGN.md §1): who may do what to which object, which objects a list
// shows, and whose contact phone numbers are shown whole. Pure functions of the subject (role,
// organisation, region scope, duties) and the object (kind, owner, districts of use, institute,
// whether its author has released it); every service asks here and nowhere else decides scope.
//
// Denials come in two kinds: kHidden when the object lies outside the subject's scope (answered
// as "not found", so existence is not revealed) and kForbidden when the subject may see the object
// but not do this to it (or its role may never do it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/roles.hpp"

namespace mvis::domain::access {

// Who acts. Regulators and DRC users carry their region subtree; institute staff their duties.
// For reading announcements, enterprises and institutes carry the districts they belong to
// (services/announcements: ReaderOf).
struct Subject {
  Role role = Role::kEnterprise;
  int64_t user_id = 0;
  std::optional<int64_t> org_id;
  std::vector<std::string> region_codes;
  std::vector<Duty> duties;

  bool Covers(const std::string& region_code) const;
  bool HasDuty(Duty duty) const;
};

enum class Kind {
  kOrganisation,        // 机构 (enterprise, bureau, institute …)
  kUser,                // account
  kMessage,             // in-app message of a user
  kArchive,             // 运营企业档案: the enterprises active in a district
  kInstrumentType,      // catalogue entry (器具目录)
  kInstrument,          // a filed instrument (强检备案)
  kImport,              // a batch import (批量录入)
  kInstituteProfile,    // an institute's capability and contact
  kStandard,            // an institute's standard equipment (计量标准器)
  kRegulation,          // verification rules of a type (规程限值、检查项)
  kAppointment,         // 预约检定
  kVerificationRecord,  // 检定记录
  kCertificate,         // 检定证书 / 检定结果通知书
  kOverview,            // regulators' verification overview (检定监管)
  kPlatform,            // outbox, audit log, label keys, jobs (platform administration)
  kAnnouncement,        // 通知公告 the city bureau publishes
  kSamplingPlan,        // 抽样检定 plan: the city bureau draws, the institute verifies
  kRectification,       // 整改通知 to an enterprise, decided by its district bureau
  kInspectionItem,      // 抽查事项清单 (双随机一公开): kept by the city bureau, public
  kInspector,           // 执法检查人员名录库: a bureau's enforcement officers
  kInspectionPlan,      // 年度抽查工作计划: a district's, filed with the city bureau
  kInspectionTask,   // 双随机抽查任务: drawn objects, inspectors, on-site records, results
  kWorkCalendar,     // 工作日历: holidays and adjusted working days (publication deadlines)
  kStatistics,       // 统计分析: dashboards and their figures, per jurisdiction
  kAcceptanceCheck,  // 验收核查: a DRC's check of a charging project's verification evidence
  kAnnualReport,     // 年度工作报告: a district bureau's yearly report to the city bureau
  kProblemReport,    // 重大问题上报: a district bureau's ad-hoc report to the city bureau
  kBulletin,         // 通报: the city bureau's statistics bulletin to the DRC
  kInstituteReport,  // 统计分析报告: an institute's statistics of its own verification work
  kMilestone,  // 工作节点: the city bureau's campaign deadlines, with each district's progress
  kReconciliation,  // 在用未备案核查: the platform's chargers against the filed ones, per district
  kChargeAlert,  // 计量作弊线索: alerts of the rules over charge orders, per district
};
inline constexpr Kind kAllKinds[] = {
    Kind::kOrganisation,    Kind::kUser,           Kind::kMessage,        Kind::kArchive,
    Kind::kInstrumentType,  Kind::kInstrument,     Kind::kImport,         Kind::kInstituteProfile,
    Kind::kStandard,        Kind::kRegulation,     Kind::kAppointment,    Kind::kVerificationRecord,
    Kind::kCertificate,     Kind::kOverview,       Kind::kPlatform,       Kind::kAnnouncement,
    Kind::kSamplingPlan,    Kind::kRectification,  Kind::kInspectionItem, Kind::kInspector,
    Kind::kInspectionPlan,  Kind::kInspectionTask, Kind::kWorkCalendar,   Kind::kStatistics,
    Kind::kAcceptanceCheck, Kind::kAnnualReport,   Kind::kProblemReport,  Kind::kBulletin,
    Kind::kInstituteReport, Kind::kMilestone,      Kind::kReconciliation, Kind::kChargeAlert};

enum class Op {
  kRead,        // see it, in a list or alone (exports too)
  kCreate,      // bring a new one into being
  kEdit,        // change its data
  kSubmit,      // the owner applies / submits it (申请备案, 提交预约)
  kWithdraw,    // the owner deletes a draft, cancels, deregisters (注销)
  kReview,      // a regulator decides on it (备案审核)
  kHandle,      // the assigned institute accepts, rejects or schedules (受理)
  kSign,        // institute staff sign or send back a record (签名)
  kRevise,      // an approver revises or revokes a certificate (修订 / 注销)
  kPrintLabel,  // print the pass label (合格标识)
  kAdminister,  // platform administration (accounts, outbox, audit, keys, jobs)
};
inline constexpr Op kAllOps[] = {Op::kRead,     Op::kCreate,     Op::kEdit,      Op::kSubmit,
                                 Op::kWithdraw, Op::kReview,     Op::kHandle,    Op::kSign,
                                 Op::kRevise,   Op::kPrintLabel, Op::kAdminister};

std::string_view ToString(Kind kind);
std::string_view ToString(Op op);

// The object asked about. Fields that do not apply to a kind stay empty.
struct Resource {
  Kind kind = Kind::kOrganisation;
  std::optional<int64_t> id;                // organisations: the organisation's id
  std::optional<int64_t> user_id;           // accounts and messages: the user they belong to
  std::optional<int64_t> owner_org_id;      // the enterprise it belongs to
  std::vector<std::string> region_codes;    // districts where it is used / located
  std::optional<int64_t> institute_org_id;  // the institute it is assigned to
  bool released = true;   // its author has passed it on (filing submitted once, appointment
                          // submitted, record approved); drafts stay with their author
  bool mandatory = true;  // instruments: under mandatory verification
  std::vector<Role> audience_roles;  // announcements: the roles addressed (empty: every role)
};

enum class Decision { kAllow, kHidden, kForbidden };

// Whether a subject of this role could ever do `op` on `kind` (before any object is loaded).
// Needed duties count: recording needs the verifier duty, revising the approver duty.
Decision Permits(const Subject& subject, Kind kind, Op op);

// The decision for one object: Permits, then scope and ownership.
Decision Decide(const Subject& subject, const Resource& resource, Op op);

// The error a denial is answered with: not_found for kHidden (`what_zh` names the object),
// permission_denied or duty_missing with a Chinese explanation for kForbidden.
Error DenialError(Decision decision, Kind kind, Op op, std::string_view what_zh);
// Decide, as a Status.
Status Check(const Subject& subject, const Resource& resource, Op op, std::string_view what_zh);
// Permits, as a Status.
Status CheckRole(const Subject& subject, Kind kind, Op op);

// The objects of `kind` a list shows the subject: the conditions a store filter must apply.
struct ListScope {
  bool allowed = false;                                  // false: the role lists none (403)
  std::optional<int64_t> owner_org_id;                   // only this enterprise's
  std::optional<int64_t> institute_org_id;               // only those assigned to this institute
  std::optional<std::vector<std::string>> region_codes;  // only those used in these districts
  bool released_only = false;                            // drafts excluded
  bool mandatory_only = false;                           // instruments under mandatory verification
};
ListScope ScopeFor(const Subject& subject, Kind kind);

// Whether the subject sees the full contact phone number of `resource` (an enterprise's, or an
// appointment's on-site contact); otherwise it is masked (138****1234).
bool SeesContactPhone(const Subject& subject, const Resource& resource);

}  // namespace mvis::domain::access
