// The access policy as a table: every role × object kind × operation, for an object inside the
// subjects' scopes and one outside them (plus drafts and other special objects).
#include "domain/access_policy.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace mvis::domain::access {
namespace {

using K = Kind;
using O = Op;

// The six subjects, in the order of the expectation strings: Enterprise, District regulator,
// City regulator, dRc, Institute, Sysadmin.
constexpr Role kRoles[] = {Role::kEnterprise, Role::kDistrictRegulator, Role::kCityRegulator,
                           Role::kDrc,        Role::kInstitute,         Role::kSysadmin};

std::vector<std::string> Wuhan() {
  return {"420100", "420102", "420103", "420104", "420105", "420106", "420107", "420111",
          "420112", "420113", "420114", "420115", "420116", "420117", "420190"};
}

Subject SubjectOf(Role role) {
  Subject s;
  s.role = role;
  switch (role) {
    case Role::kEnterprise:
      s.user_id = 1, s.org_id = 101;
      break;
    case Role::kDistrictRegulator:
      s.user_id = 2, s.org_id = 201, s.region_codes = {"420102"};
      break;
    case Role::kCityRegulator:
      s.user_id = 3, s.org_id = 301, s.region_codes = Wuhan();
      break;
    case Role::kDrc:
      s.user_id = 4, s.org_id = 401, s.region_codes = Wuhan();
      break;
    case Role::kInstitute:
      s.user_id = 5, s.org_id = 501;
      s.duties = {Duty::kVerifier, Duty::kChecker, Duty::kApprover};
      break;
    case Role::kSysadmin:
      s.user_id = 6;
      break;
  }
  return s;
}

// Object A sits in everyone's scope: enterprise 101's, used in 江岸区 (420102), assigned to
// institute 501, the enterprise user's own account and messages. Object B belongs to nobody
// here: enterprise 102, used in another city (420202), institute 502.
Resource ObjectOf(Kind kind, char variant) {
  Resource r;
  r.kind = kind;
  if (variant == 'A') {
    r.id = kind == K::kInstituteProfile ? 501 : 101;
    r.user_id = 1;
    r.owner_org_id = 101;
    r.region_codes = {"420102"};
    r.institute_org_id = 501;
  } else {
    r.id = kind == K::kInstituteProfile ? 502 : 102;
    r.user_id = 99;
    r.owner_org_id = 102;
    r.region_codes = {"420202"};
    r.institute_org_id = 502;
  }
  return r;
}

Decision Letter(char c) {
  return c == 'A' ? Decision::kAllow : c == 'H' ? Decision::kHidden : Decision::kForbidden;
}

struct Row {
  Kind kind;
  Op op;
  const char* in_scope;   // per role E D C R I S: Allow, Hidden, Forbidden
  const char* out_scope;  // the same for object B
};

// Operations not listed for a kind answer like the last line of each block ("others").
const Row kTable[] = {
    {K::kOrganisation, O::kRead, "AAAAHA", "HHHHHA"},
    {K::kOrganisation, O::kCreate, "FFFFHA", "HHHHHA"},
    {K::kOrganisation, O::kEdit, "FFFFHA", "HHHHHA"},
    {K::kOrganisation, O::kAdminister, "FFFFHA", "HHHHHA"},
    {K::kOrganisation, O::kSubmit, "AFFFHF", "HHHHHF"},  // hands in its own 营业执照
    {K::kOrganisation, O::kWithdraw, "FFFFHF", "HHHHHF"},

    {K::kUser, O::kRead, "AHHHHA", "HHHHHA"},
    {K::kUser, O::kCreate, "FHHHHA", "HHHHHA"},
    {K::kUser, O::kEdit, "FHHHHA", "HHHHHA"},
    {K::kUser, O::kAdminister, "FHHHHA", "HHHHHA"},
    {K::kUser, O::kSubmit, "FHHHHF", "HHHHHF"},

    {K::kMessage, O::kRead, "AHHHHH", "HHHHHH"},
    {K::kMessage, O::kEdit, "AHHHHH", "HHHHHH"},
    {K::kMessage, O::kSubmit, "FHHHHH", "HHHHHH"},

    {K::kArchive, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kArchive, O::kReview, "HAAHHH", "HHHHHH"},  // the credit class
    {K::kArchive, O::kSubmit, "HFFHHH", "HHHHHH"},

    {K::kOverview, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kOverview, O::kSubmit, "HFFHHH", "HHHHHH"},

    {K::kInstrumentType, O::kRead, "AAAAAA", "AAAAAA"},
    {K::kInstrumentType, O::kCreate, "FFAFFF", "FFAFFF"},
    {K::kInstrumentType, O::kEdit, "FFAFFF", "FFAFFF"},
    {K::kInstrumentType, O::kSubmit, "FFFFFF", "FFFFFF"},

    {K::kRegulation, O::kRead, "AAAAAA", "AAAAAA"},
    {K::kRegulation, O::kSubmit, "FFFFFF", "FFFFFF"},

    {K::kInstituteProfile, O::kRead, "AAAAAA", "AAAAAA"},
    {K::kInstituteProfile, O::kEdit, "FFFFAA", "FFFFHA"},
    {K::kInstituteProfile, O::kSubmit, "FFFFFF", "FFFFHF"},

    // Object A is booked with institute 501, which sees it (through the appointment).
    {K::kInstrument, O::kRead, "AAAHAH", "HHHHHH"},
    {K::kInstrument, O::kCreate, "AFFHFH", "HHHHHH"},
    {K::kInstrument, O::kEdit, "AFFHFH", "HHHHHH"},
    {K::kInstrument, O::kSubmit, "AFFHFH", "HHHHHH"},
    {K::kInstrument, O::kWithdraw, "AFFHFH", "HHHHHH"},
    {K::kInstrument, O::kReview, "FAFHFH", "HHHHHH"},
    {K::kInstrument, O::kHandle, "FFFHFH", "HHHHHH"},

    {K::kImport, O::kRead, "AHHHHH", "HHHHHH"},
    {K::kImport, O::kCreate, "AHHHHH", "HHHHHH"},
    {K::kImport, O::kEdit, "AHHHHH", "HHHHHH"},
    {K::kImport, O::kSubmit, "AHHHHH", "HHHHHH"},
    {K::kImport, O::kWithdraw, "FHHHHH", "HHHHHH"},

    {K::kStandard, O::kRead, "HHHHAH", "HHHHHH"},
    {K::kStandard, O::kCreate, "HHHHAH", "HHHHHH"},
    {K::kStandard, O::kEdit, "HHHHAH", "HHHHHH"},
    {K::kStandard, O::kSubmit, "HHHHFH", "HHHHHH"},

    {K::kAppointment, O::kRead, "AAAHAH", "HHHHHH"},
    {K::kAppointment, O::kCreate, "AFFHFH", "HHHHHH"},
    {K::kAppointment, O::kEdit, "AFFHFH", "HHHHHH"},
    {K::kAppointment, O::kSubmit, "AFFHFH", "HHHHHH"},
    {K::kAppointment, O::kWithdraw, "AFFHFH", "HHHHHH"},
    {K::kAppointment, O::kHandle, "FFFHAH", "HHHHHH"},
    {K::kAppointment, O::kReview, "FFFHFH", "HHHHHH"},

    {K::kVerificationRecord, O::kRead, "AAAHAH", "HHHHHH"},
    {K::kVerificationRecord, O::kCreate, "FFFHAH", "HHHHHH"},
    {K::kVerificationRecord, O::kEdit, "FFFHAH", "HHHHHH"},
    {K::kVerificationRecord, O::kSign, "FFFHAH", "HHHHHH"},
    {K::kVerificationRecord, O::kRevise, "FFFHFH", "HHHHHH"},

    {K::kCertificate, O::kRead, "AAAHAH", "HHHHHH"},
    {K::kCertificate, O::kPrintLabel, "AFFHAH", "HHHHHH"},
    {K::kCertificate, O::kRevise, "FFFHAH", "HHHHHH"},
    {K::kCertificate, O::kSign, "FFFHFH", "HHHHHH"},

    {K::kPlatform, O::kRead, "HHHHHA", "HHHHHA"},
    {K::kPlatform, O::kAdminister, "HHHHHA", "HHHHHA"},
    {K::kPlatform, O::kSubmit, "HHHHHF", "HHHHHF"},

    // Object A is published to everyone in 江岸区: the test's enterprise, institute and
    // administrator carry no districts, so only the regulators and the DRC there read it; the
    // city bureau keeps every announcement.
    {K::kAnnouncement, O::kRead, "HAAAHH", "HHAHHH"},
    {K::kAnnouncement, O::kCreate, "HFAFHH", "HHAHHH"},
    {K::kAnnouncement, O::kEdit, "HFAFHH", "HHAHHH"},
    {K::kAnnouncement, O::kSubmit, "HFAFHH", "HHAHHH"},
    {K::kAnnouncement, O::kWithdraw, "HFAFHH", "HHAHHH"},
    {K::kAnnouncement, O::kReview, "HFFFHH", "HHFHHH"},

    // Object A covers 江岸区 and is carried out by institute 501.
    {K::kSamplingPlan, O::kRead, "HAAHAH", "HHAHHH"},
    {K::kSamplingPlan, O::kCreate, "HFAHFH", "HHAHHH"},
    {K::kSamplingPlan, O::kEdit, "HFAHFH", "HHAHHH"},
    {K::kSamplingPlan, O::kSubmit, "HFAHFH", "HHAHHH"},
    {K::kSamplingPlan, O::kReview, "HFFHFH", "HHFHHH"},
    // Object A is enterprise 101's order, decided in 江岸区, opened by institute 501.
    {K::kRectification, O::kRead, "AAAHAH", "HHHHHH"},
    {K::kRectification, O::kSubmit, "AFFHFH", "HHHHHH"},
    {K::kRectification, O::kReview, "FAAHFH", "HHHHHH"},
    {K::kRectification, O::kCreate, "FFFHFH", "HHHHHH"},

    // 双随机一公开. The item list is public and kept by the city bureau.
    {K::kInspectionItem, O::kRead, "AAAAAA", "AAAAAA"},
    {K::kInspectionItem, O::kCreate, "FFAFFF", "FFAFFF"},
    {K::kInspectionItem, O::kEdit, "FFAFFF", "FFAFFF"},
    {K::kInspectionItem, O::kSubmit, "FFFFFF", "FFFFFF"},
    // Officers belong to a bureau: object A (owner 101) is not the district's (201); the city
    // bureau sees every bureau's.
    {K::kInspector, O::kRead, "HHAHHH", "HHAHHH"},
    {K::kInspector, O::kCreate, "HHAHHH", "HHAHHH"},
    {K::kInspector, O::kEdit, "HHAHHH", "HHAHHH"},
    {K::kInspector, O::kSubmit, "HHFHHH", "HHFHHH"},
    // A district's annual plan (江岸区): the district drafts and submits, the city reviews.
    {K::kInspectionPlan, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kInspectionPlan, O::kCreate, "HAFHHH", "HHHHHH"},
    {K::kInspectionPlan, O::kEdit, "HAFHHH", "HHHHHH"},
    {K::kInspectionPlan, O::kSubmit, "HAFHHH", "HHHHHH"},
    {K::kInspectionPlan, O::kReview, "HFAHHH", "HHHHHH"},
    {K::kInspectionPlan, O::kWithdraw, "HFFHHH", "HHHHHH"},
    // A task in 江岸区: the regulators there run it (officers record and sign: kSign).
    {K::kInspectionTask, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kInspectionTask, O::kCreate, "HAAHHH", "HHHHHH"},
    {K::kInspectionTask, O::kEdit, "HAAHHH", "HHHHHH"},
    {K::kInspectionTask, O::kSubmit, "HAAHHH", "HHHHHH"},
    {K::kInspectionTask, O::kSign, "HAAHHH", "HHHHHH"},
    {K::kInspectionTask, O::kReview, "HFFHHH", "HHHHHH"},
    // The working-day calendar: regulators read it, the city bureau and the administrator edit.
    {K::kWorkCalendar, O::kRead, "FAAFFA", "FAAFFA"},
    {K::kWorkCalendar, O::kEdit, "FFAFFA", "FFAFFA"},
    {K::kWorkCalendar, O::kCreate, "FFFFFF", "FFFFFF"},
    // Dashboards: regulators and the DRC, within their districts.
    {K::kStatistics, O::kRead, "HAAAHH", "HHHHHH"},
    {K::kStatistics, O::kCreate, "HFFFHH", "HHHHHH"},
    // Acceptance checks: the DRC makes them; the city bureau and the project owner read them.
    {K::kAcceptanceCheck, O::kRead, "AHAAHH", "HHHHHH"},
    {K::kAcceptanceCheck, O::kCreate, "FHFAHH", "HHHHHH"},
    {K::kAcceptanceCheck, O::kEdit, "FHFFHH", "HHHHHH"},
    // A 江岸区 annual report / problem report: the district writes, the city bureau decides.
    {K::kAnnualReport, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kAnnualReport, O::kCreate, "HAFHHH", "HHHHHH"},
    {K::kAnnualReport, O::kEdit, "HAFHHH", "HHHHHH"},
    {K::kAnnualReport, O::kSubmit, "HAFHHH", "HHHHHH"},
    {K::kAnnualReport, O::kReview, "HFAHHH", "HHHHHH"},
    {K::kAnnualReport, O::kWithdraw, "HFFHHH", "HHHHHH"},
    {K::kProblemReport, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kProblemReport, O::kCreate, "HAFHHH", "HHHHHH"},
    {K::kProblemReport, O::kEdit, "HAFHHH", "HHHHHH"},
    {K::kProblemReport, O::kSubmit, "HAFHHH", "HHHHHH"},
    {K::kProblemReport, O::kReview, "HFAHHH", "HHHHHH"},
    {K::kProblemReport, O::kWithdraw, "HFFHHH", "HHHHHH"},
    // Bulletins are city-wide: the city bureau publishes, every DRC office reads.
    {K::kBulletin, O::kRead, "HHAAHH", "HHAAHH"},
    {K::kBulletin, O::kCreate, "HHAFHH", "HHAFHH"},
    {K::kBulletin, O::kEdit, "HHFFHH", "HHFFHH"},
    // An institute's statistics: A is institute 501's (its own), B another institute's.
    {K::kInstituteReport, O::kRead, "HHAHAH", "HHAHHH"},
    {K::kInstituteReport, O::kEdit, "HHFHFH", "HHFHHH"},
    // Campaign milestones are city-wide: the city bureau sets them, regulators and the DRC read.
    {K::kMilestone, O::kRead, "HAAAHH", "HAAAHH"},
    {K::kMilestone, O::kCreate, "HFAFHH", "HFAFHH"},
    {K::kMilestone, O::kEdit, "HFAFHH", "HFAFHH"},
    {K::kMilestone, O::kWithdraw, "HFAFHH", "HFAFHH"},
    {K::kMilestone, O::kSubmit, "HFFFHH", "HFFFHH"},
    // Reconciliation findings: the bureaus of the finding's district read them and notify the
    // enterprise (kSubmit).
    {K::kReconciliation, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kReconciliation, O::kSubmit, "HAAHHH", "HHHHHH"},
    {K::kReconciliation, O::kCreate, "HFFHHH", "HHHHHH"},
    // Alerts of the charge-order rules: the bureaus of the charger's district read and triage
    // them (kEdit).
    {K::kChargeAlert, O::kRead, "HAAHHH", "HHHHHH"},
    {K::kChargeAlert, O::kEdit, "HAAHHH", "HHHHHH"},
    {K::kChargeAlert, O::kCreate, "HFFHHH", "HHHHHH"},
};

// The row for (kind, op): the exact one, else the block's "others" line (the last of the kind).
const Row& RowFor(Kind kind, Op op) {
  const Row* last = nullptr;
  for (const auto& r : kTable) {
    if (r.kind != kind) continue;
    if (r.op == op) return r;
    last = &r;
  }
  return *last;
}

std::string Name(Role role, Kind kind, Op op, char variant) {
  return std::string(ToString(role)) + " " + std::string(ToString(op)) + " " +
         std::string(ToString(kind)) + " " + variant;
}

TEST(AccessPolicy, EveryRoleKindAndOperation) {
  int checked = 0;
  for (Kind kind : kAllKinds) {
    std::set<Op> listed;
    for (const auto& r : kTable)
      if (r.kind == kind) listed.insert(r.op);
    ASSERT_FALSE(listed.empty()) << "no rows for " << ToString(kind);
    for (Op op : kAllOps) {
      const Row& row = RowFor(kind, op);
      for (size_t i = 0; i < std::size(kRoles); ++i) {
        Subject s = SubjectOf(kRoles[i]);
        EXPECT_EQ(Decide(s, ObjectOf(kind, 'A'), op), Letter(row.in_scope[i]))
            << Name(kRoles[i], kind, op, 'A');
        EXPECT_EQ(Decide(s, ObjectOf(kind, 'B'), op), Letter(row.out_scope[i]))
            << Name(kRoles[i], kind, op, 'B');
        checked += 2;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(std::size(kAllKinds) * std::size(kAllOps) * 6 * 2));
}

// An announcement reaches the roles and districts it names, once published; the city bureau
// sees its drafts too.
TEST(AccessPolicy, AnnouncementsReachTheirAudience) {
  Resource notice = ObjectOf(K::kAnnouncement, 'A');
  notice.audience_roles = {Role::kEnterprise, Role::kInstitute};
  Subject enterprise = SubjectOf(Role::kEnterprise);
  enterprise.region_codes = {"420102"};  // its districts, as the service fills them
  Subject elsewhere = SubjectOf(Role::kEnterprise);
  elsewhere.region_codes = {"420103"};
  Subject institute = SubjectOf(Role::kInstitute);
  institute.region_codes = {"420102"};
  EXPECT_EQ(Decide(enterprise, notice, O::kRead), Decision::kAllow);
  EXPECT_EQ(Decide(institute, notice, O::kRead), Decision::kAllow);
  EXPECT_EQ(Decide(elsewhere, notice, O::kRead), Decision::kHidden);
  EXPECT_EQ(Decide(SubjectOf(Role::kDistrictRegulator), notice, O::kRead), Decision::kHidden);
  EXPECT_EQ(Decide(SubjectOf(Role::kCityRegulator), notice, O::kRead), Decision::kAllow);
  notice.region_codes.clear();  // the whole city
  EXPECT_EQ(Decide(elsewhere, notice, O::kRead), Decision::kAllow);
  notice.released = false;  // a draft
  EXPECT_EQ(Decide(enterprise, notice, O::kRead), Decision::kHidden);
  EXPECT_EQ(Decide(SubjectOf(Role::kCityRegulator), notice, O::kEdit), Decision::kAllow);
}

// Drafts stay with their author; instruments outside the mandatory catalogue stay with their
// owner.
TEST(AccessPolicy, DraftsAndNonMandatoryInstruments) {
  struct Case {
    Kind kind;
    Op op;
    bool released, mandatory;
    const char* expected;
  };
  const Case cases[] = {
      {K::kInstrument, O::kRead, false, true, "AHHHHH"},
      {K::kInstrument, O::kReview, false, true, "FHHHHH"},
      {K::kInstrument, O::kRead, true, false, "AHHHAH"},
      {K::kAppointment, O::kRead, false, true, "AHHHHH"},
      {K::kAppointment, O::kHandle, false, true, "FHHHHH"},
      {K::kVerificationRecord, O::kRead, false, true, "HHHHAH"},
      {K::kVerificationRecord, O::kSign, false, true, "HHHHAH"},
  };
  for (const auto& c : cases) {
    Resource r = ObjectOf(c.kind, 'A');
    r.released = c.released;
    r.mandatory = c.mandatory;
    for (size_t i = 0; i < std::size(kRoles); ++i) {
      EXPECT_EQ(Decide(SubjectOf(kRoles[i]), r, c.op), Letter(c.expected[i]))
          << Name(kRoles[i], c.kind, c.op, c.released ? 'M' : 'D');
    }
  }
}

TEST(AccessPolicy, DutiesDecideRecordingAndRevising) {
  Subject checker = SubjectOf(Role::kInstitute);
  checker.duties = {Duty::kChecker};
  Resource record = ObjectOf(K::kVerificationRecord, 'A');
  EXPECT_EQ(Decide(checker, record, O::kRead), Decision::kAllow);
  EXPECT_EQ(Decide(checker, record, O::kEdit), Decision::kForbidden);
  EXPECT_EQ(Decide(checker, record, O::kSign), Decision::kAllow);
  auto denied = CheckRole(checker, K::kVerificationRecord, O::kCreate);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, "duty_missing");
  EXPECT_EQ(Decide(checker, ObjectOf(K::kCertificate, 'A'), O::kRevise), Decision::kForbidden);
  EXPECT_EQ(CheckRole(checker, K::kCertificate, O::kRevise).error().code, "duty_missing");
}

TEST(AccessPolicy, InstituteSeesItsStaffOnly) {
  Subject institute = SubjectOf(Role::kInstitute);
  Resource colleague{K::kUser};
  colleague.user_id = 7;
  colleague.owner_org_id = 501;
  EXPECT_EQ(Decide(institute, colleague, O::kRead), Decision::kAllow);
  EXPECT_EQ(Decide(institute, colleague, O::kEdit), Decision::kForbidden);
  colleague.owner_org_id = 502;
  EXPECT_EQ(Decide(institute, colleague, O::kRead), Decision::kHidden);
}

TEST(AccessPolicy, DenialsBecomeErrors) {
  Subject e = SubjectOf(Role::kEnterprise);
  auto hidden = Check(e, ObjectOf(K::kInstrument, 'B'), O::kRead, "器具");
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(hidden.error().message, "器具不存在或无权访问");
  auto forbidden = Check(e, ObjectOf(K::kInstrument, 'A'), O::kReview, "器具");
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(forbidden.error().code, "permission_denied");
  EXPECT_TRUE(Check(e, ObjectOf(K::kInstrument, 'A'), O::kEdit, "器具"));
}

TEST(AccessPolicy, ListScopes) {
  auto e = ScopeFor(SubjectOf(Role::kEnterprise), K::kInstrument);
  EXPECT_TRUE(e.allowed);
  EXPECT_EQ(e.owner_org_id, 101);
  EXPECT_FALSE(e.region_codes);
  EXPECT_FALSE(e.released_only);

  auto d = ScopeFor(SubjectOf(Role::kDistrictRegulator), K::kInstrument);
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.region_codes, std::vector<std::string>{"420102"});
  EXPECT_TRUE(d.released_only && d.mandatory_only);
  EXPECT_FALSE(d.owner_org_id);

  EXPECT_FALSE(ScopeFor(SubjectOf(Role::kInstitute), K::kInstrument).allowed);
  Resource unbooked = ObjectOf(K::kInstrument, 'A');
  unbooked.institute_org_id.reset();
  EXPECT_EQ(Decide(SubjectOf(Role::kInstitute), unbooked, O::kRead), Decision::kHidden);
  EXPECT_FALSE(ScopeFor(SubjectOf(Role::kSysadmin), K::kInstrument).allowed);
  EXPECT_FALSE(ScopeFor(SubjectOf(Role::kDrc), K::kAppointment).allowed);

  auto i = ScopeFor(SubjectOf(Role::kInstitute), K::kAppointment);
  EXPECT_EQ(i.institute_org_id, 501);
  EXPECT_TRUE(i.released_only);
  auto ir = ScopeFor(SubjectOf(Role::kInstitute), K::kVerificationRecord);
  EXPECT_EQ(ir.institute_org_id, 501);
  EXPECT_FALSE(ir.released_only);  // the institute sees its drafts
  auto er = ScopeFor(SubjectOf(Role::kEnterprise), K::kVerificationRecord);
  EXPECT_EQ(er.owner_org_id, 101);
  EXPECT_TRUE(er.released_only);  // the owner sees approved records only

  // An organisation-less user of an owning role matches nothing rather than everything.
  Subject orphan = SubjectOf(Role::kEnterprise);
  orphan.org_id.reset();
  EXPECT_EQ(ScopeFor(orphan, K::kInstrument).owner_org_id, -1);
  EXPECT_EQ(Decide(orphan, ObjectOf(K::kInstrument, 'A'), O::kRead), Decision::kHidden);

  EXPECT_TRUE(ScopeFor(SubjectOf(Role::kSysadmin), K::kOrganisation).allowed);
  EXPECT_FALSE(ScopeFor(SubjectOf(Role::kSysadmin), K::kOrganisation).region_codes);
  EXPECT_EQ(ScopeFor(SubjectOf(Role::kDrc), K::kOrganisation).region_codes, Wuhan());
}

TEST(AccessPolicy, ContactPhonesShownWholeOnlyWhereNeeded) {
  Resource appointment = ObjectOf(K::kAppointment, 'A');
  Resource enterprise = ObjectOf(K::kOrganisation, 'A');
  const std::map<Role, std::pair<bool, bool>> expected = {
      // role: {appointment contact, enterprise contact}
      {Role::kEnterprise, {true, true}},      {Role::kDistrictRegulator, {false, true}},
      {Role::kCityRegulator, {false, false}}, {Role::kDrc, {false, false}},
      {Role::kInstitute, {true, false}},      {Role::kSysadmin, {false, false}},
  };
  for (const auto& [role, want] : expected) {
    EXPECT_EQ(SeesContactPhone(SubjectOf(role), appointment), want.first) << ToString(role);
    EXPECT_EQ(SeesContactPhone(SubjectOf(role), enterprise), want.second) << ToString(role);
  }
  EXPECT_FALSE(SeesContactPhone(SubjectOf(Role::kInstitute), ObjectOf(K::kAppointment, 'B')));
  EXPECT_FALSE(
      SeesContactPhone(SubjectOf(Role::kDistrictRegulator), ObjectOf(K::kOrganisation, 'B')));
}

}  // namespace
}  // namespace mvis::domain::access
