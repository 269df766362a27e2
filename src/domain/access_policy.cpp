#include "domain/access_policy.hpp"

#include <algorithm>

#include "domain/announcement.hpp"

namespace mvis::domain::access {
namespace {

bool IsRegulator(Role r) { return r == Role::kDistrictRegulator || r == Role::kCityRegulator; }

bool OwnOrg(const Subject& s, const std::optional<int64_t>& org) {
  return s.org_id.has_value() && org == s.org_id;
}

bool InRegion(const Subject& s, const Resource& r) {
  return std::ranges::any_of(r.region_codes, [&](const auto& c) { return s.Covers(c); });
}

// Whether the role may ever do `op` on `kind`.
bool RolePermits(const Subject& s, Kind kind, Op op) {
  const Role role = s.role;
  switch (kind) {
    case Kind::kOrganisation:
      if (op == Op::kRead) return true;
      if (op == Op::kSubmit) return role == Role::kEnterprise;  // hands in its 营业执照
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kAdminister) &&
             role == Role::kSysadmin;
    case Kind::kUser:
      if (op == Op::kRead) return true;
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kAdminister) &&
             role == Role::kSysadmin;
    case Kind::kMessage:
      return op == Op::kRead || op == Op::kEdit;
    case Kind::kArchive:  // reviewing it: recomputing or adjusting the credit class
      return (op == Op::kRead || op == Op::kReview) && IsRegulator(role);
    case Kind::kOverview:
      return op == Op::kRead && IsRegulator(role);
    case Kind::kInstrumentType:
      if (op == Op::kRead) return true;
      return (op == Op::kCreate || op == Op::kEdit) && role == Role::kCityRegulator;
    case Kind::kRegulation:
      return op == Op::kRead;
    case Kind::kInstrument:
      switch (op) {
        case Op::kRead:  // institutes: instruments booked with them (see Visible)
          return role == Role::kEnterprise || role == Role::kInstitute || IsRegulator(role);
        case Op::kCreate:
        case Op::kEdit:
        case Op::kSubmit:
        case Op::kWithdraw:
          return role == Role::kEnterprise;
        case Op::kReview:
          return role == Role::kDistrictRegulator;
        default:
          return false;
      }
    case Kind::kImport:
      return role == Role::kEnterprise &&
             (op == Op::kRead || op == Op::kCreate || op == Op::kEdit || op == Op::kSubmit);
    case Kind::kInstituteProfile:
      if (op == Op::kRead) return true;
      return op == Op::kEdit && (role == Role::kSysadmin || role == Role::kInstitute);
    case Kind::kStandard:
      return role == Role::kInstitute && (op == Op::kRead || op == Op::kCreate || op == Op::kEdit);
    case Kind::kAppointment:
      switch (op) {
        case Op::kRead:
          return role == Role::kEnterprise || role == Role::kInstitute || IsRegulator(role);
        case Op::kCreate:
        case Op::kEdit:
        case Op::kSubmit:
        case Op::kWithdraw:
          return role == Role::kEnterprise;
        case Op::kHandle:
          return role == Role::kInstitute;
        default:
          return false;
      }
    case Kind::kVerificationRecord:
      switch (op) {
        case Op::kRead:
          return role == Role::kEnterprise || role == Role::kInstitute || IsRegulator(role);
        case Op::kCreate:
        case Op::kEdit:
          return role == Role::kInstitute && s.HasDuty(Duty::kVerifier);
        case Op::kSign:
          return role == Role::kInstitute;  // which signature: domain/sign_off.hpp
        default:
          return false;
      }
    case Kind::kCertificate:
      switch (op) {
        case Op::kRead:
          return role == Role::kEnterprise || role == Role::kInstitute || IsRegulator(role);
        case Op::kPrintLabel:
          return role == Role::kEnterprise || role == Role::kInstitute;
        case Op::kRevise:
          return role == Role::kInstitute && s.HasDuty(Duty::kApprover);
        default:
          return false;
      }
    case Kind::kPlatform:
      return (op == Op::kRead || op == Op::kAdminister) && role == Role::kSysadmin;
    case Kind::kSamplingPlan:
      if (op == Op::kRead) return IsRegulator(role) || role == Role::kInstitute;
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kSubmit) &&
             role == Role::kCityRegulator;
    case Kind::kRectification:
      // The enterprise answers; the bureaus decide; the institute follows the orders it opened
      // (不具备检定条件). Orders come into being inside other steps, never by a request.
      if (op == Op::kRead)
        return role == Role::kEnterprise || role == Role::kInstitute ||
               role == Role::kDistrictRegulator || role == Role::kCityRegulator;
      if (op == Op::kSubmit) return role == Role::kEnterprise;
      return op == Op::kReview &&
             (role == Role::kDistrictRegulator || role == Role::kCityRegulator);
    case Kind::kAnnouncement:
      if (op == Op::kRead) return true;
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kSubmit || op == Op::kWithdraw) &&
             role == Role::kCityRegulator;
    case Kind::kInspectionItem:  // 抽查事项清单: public; the city bureau keeps it
      if (op == Op::kRead) return true;
      return (op == Op::kCreate || op == Op::kEdit) && role == Role::kCityRegulator;
    case Kind::kInspector:  // each bureau keeps its own officers
      return (op == Op::kRead || op == Op::kCreate || op == Op::kEdit) && IsRegulator(role);
    case Kind::kInspectionPlan:  // a district's annual plan, filed with the city bureau
      if (op == Op::kRead) return IsRegulator(role);
      if (op == Op::kReview) return role == Role::kCityRegulator;
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kSubmit) &&
             role == Role::kDistrictRegulator;
    case Kind::kInspectionTask:
      // A bureau runs its tasks (create, draw, swap, publish: kEdit / kSubmit); its officers
      // record and sign (kSign; which officers: the task's drawn inspectors, checked by the
      // service).
      return (op == Op::kRead || op == Op::kCreate || op == Op::kEdit || op == Op::kSubmit ||
              op == Op::kSign) &&
             IsRegulator(role);
    case Kind::kWorkCalendar:
      if (op == Op::kRead) return IsRegulator(role) || role == Role::kSysadmin;
      return op == Op::kEdit && (role == Role::kCityRegulator || role == Role::kSysadmin);
    case Kind::kStatistics:  // the DRC sees the regulators' figures, read-only
      return op == Op::kRead && (IsRegulator(role) || role == Role::kDrc);
    case Kind::kAcceptanceCheck:  // the DRC checks; the bureaus and the project owner read
      if (op == Op::kRead)
        return role == Role::kDrc || role == Role::kCityRegulator || role == Role::kEnterprise;
      return op == Op::kCreate && role == Role::kDrc;
    case Kind::kAnnualReport:   // a district drafts and submits; the city bureau decides
    case Kind::kProblemReport:  // a district files (and attaches); the city bureau acknowledges
      if (op == Op::kRead) return IsRegulator(role);
      if (op == Op::kReview) return role == Role::kCityRegulator;
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kSubmit) &&
             role == Role::kDistrictRegulator;
    case Kind::kBulletin:  // the city bureau publishes to the DRC
      if (op == Op::kRead) return role == Role::kCityRegulator || role == Role::kDrc;
      return op == Op::kCreate && role == Role::kCityRegulator;
    case Kind::kInstituteReport:  // an institute's own work; the city bureau reads every one
      return op == Op::kRead && (role == Role::kInstitute || role == Role::kCityRegulator);
    case Kind::kMilestone:  // the city bureau sets them; regulators and the DRC follow progress
      if (op == Op::kRead) return IsRegulator(role) || role == Role::kDrc;
      return (op == Op::kCreate || op == Op::kEdit || op == Op::kWithdraw) &&
             role == Role::kCityRegulator;
    case Kind::kReconciliation:  // the bureaus read the findings of their districts and notify
      return (op == Op::kRead || op == Op::kSubmit) && IsRegulator(role);
    case Kind::kChargeAlert:  // and triage the alerts (dismiss, or inspect: kEdit)
      return (op == Op::kRead || op == Op::kEdit) && IsRegulator(role);
  }
  return false;
}

// Whether the object lies within the subject's scope (it may be listed and read).
bool Visible(const Subject& s, const Resource& r) {
  switch (r.kind) {
    case Kind::kOrganisation:
      switch (s.role) {
        case Role::kSysadmin:
          return true;
        case Role::kEnterprise:
        case Role::kInstitute:
          return OwnOrg(s, r.id);
        case Role::kDistrictRegulator:
        case Role::kCityRegulator:
        case Role::kDrc:
          return OwnOrg(s, r.id) || InRegion(s, r);
      }
      return false;
    case Kind::kUser:
      if (s.role == Role::kSysadmin || (s.user_id != 0 && r.user_id == s.user_id)) return true;
      return s.role == Role::kInstitute && OwnOrg(s, r.owner_org_id);  // the institute's staff
    case Kind::kMessage:
      return s.user_id != 0 && r.user_id == s.user_id;
    case Kind::kArchive:
    case Kind::kOverview:
      return IsRegulator(s.role) && (r.region_codes.empty() || InRegion(s, r));
    case Kind::kInstrumentType:
    case Kind::kRegulation:
    case Kind::kInstituteProfile:
      return true;
    case Kind::kInstrument:
      if (s.role == Role::kEnterprise) return OwnOrg(s, r.owner_org_id);
      // An institute sees an instrument only as booked with it (institute_org_id set from the
      // appointment that shows it).
      if (s.role == Role::kInstitute) return r.released && OwnOrg(s, r.institute_org_id);
      return IsRegulator(s.role) && r.released && r.mandatory && InRegion(s, r);
    case Kind::kImport:
      return s.role == Role::kEnterprise && OwnOrg(s, r.owner_org_id);
    case Kind::kStandard:
      return s.role == Role::kInstitute && OwnOrg(s, r.institute_org_id);
    case Kind::kAppointment:
      switch (s.role) {
        case Role::kEnterprise:
          return OwnOrg(s, r.owner_org_id);
        case Role::kInstitute:
          return r.released && OwnOrg(s, r.institute_org_id);
        case Role::kDistrictRegulator:
        case Role::kCityRegulator:
          return r.released && InRegion(s, r);
        default:
          return false;
      }
    case Kind::kVerificationRecord:
    case Kind::kCertificate:
      switch (s.role) {
        case Role::kInstitute:
          return OwnOrg(s, r.institute_org_id);
        case Role::kEnterprise:
          return r.released && OwnOrg(s, r.owner_org_id);
        case Role::kDistrictRegulator:
        case Role::kCityRegulator:
          return r.released && InRegion(s, r);
        default:
          return false;
      }
    case Kind::kPlatform:
      return s.role == Role::kSysadmin;
    case Kind::kSamplingPlan:
      // The city bureau's own; a district's bureau sees plans covering it; the institute those
      // it carries out.
      if (s.role == Role::kCityRegulator) return true;
      if (s.role == Role::kDistrictRegulator) return InRegion(s, r);
      return s.role == Role::kInstitute && OwnOrg(s, r.institute_org_id);
    case Kind::kRectification:
      if (s.role == Role::kEnterprise) return OwnOrg(s, r.owner_org_id);
      if (s.role == Role::kInstitute) return OwnOrg(s, r.institute_org_id);
      return (s.role == Role::kDistrictRegulator || s.role == Role::kCityRegulator) &&
             InRegion(s, r);
    case Kind::kAnnouncement:
      // The city bureau keeps all of them (drafts and withdrawn ones too); everyone else reads
      // those published to their role and districts.
      if (s.role == Role::kCityRegulator) return true;
      return r.released && Reaches({r.audience_roles, r.region_codes}, s.role, s.region_codes);
    case Kind::kInspectionItem:
    case Kind::kWorkCalendar:
      return true;
    case Kind::kInspector:  // the city bureau sees every bureau's officers; a district its own
      if (s.role == Role::kCityRegulator) return true;
      return s.role == Role::kDistrictRegulator && OwnOrg(s, r.owner_org_id);
    case Kind::kInspectionPlan:
    case Kind::kInspectionTask:
      return IsRegulator(s.role) && InRegion(s, r);
    case Kind::kStatistics:  // region_codes: the districts asked about (empty: the whole scope)
      return (IsRegulator(s.role) || s.role == Role::kDrc) &&
             (r.region_codes.empty() || InRegion(s, r));
    case Kind::kAcceptanceCheck:  // region_codes: the district of the DRC office that made it
      if (s.role == Role::kEnterprise) return OwnOrg(s, r.owner_org_id);
      return (s.role == Role::kDrc || s.role == Role::kCityRegulator) && InRegion(s, r);
    case Kind::kAnnualReport:  // region_codes: the district reporting
    case Kind::kProblemReport:
      return IsRegulator(s.role) && InRegion(s, r);
    case Kind::kBulletin:  // city-wide figures, addressed to every DRC office
      return s.role == Role::kCityRegulator || s.role == Role::kDrc;
    case Kind::kInstituteReport:  // institute_org_id: the institute reported on
      if (s.role == Role::kInstitute) return OwnOrg(s, r.institute_org_id);
      return s.role == Role::kCityRegulator;
    case Kind::kMilestone:  // city-wide; progress is shown per district in the reader's scope
      return IsRegulator(s.role) || s.role == Role::kDrc;
    case Kind::kReconciliation:  // region_codes: the district of the finding
    case Kind::kChargeAlert:     // region_codes: the district of the charger
      return IsRegulator(s.role) && InRegion(s, r);
  }
  return false;
}

// Beyond role and scope: the few operations reserved to one party among those who see it.
bool RightParty(const Subject& s, const Resource& r, Op op) {
  switch (r.kind) {
    case Kind::kInstituteProfile:
      return op == Op::kRead || s.role == Role::kSysadmin || OwnOrg(s, r.id);
    case Kind::kUser:
      return op == Op::kRead || s.role == Role::kSysadmin;
    default:
      return true;
  }
}

}  // namespace

bool Subject::Covers(const std::string& region_code) const {
  return std::ranges::find(region_codes, region_code) != region_codes.end();
}

bool Subject::HasDuty(Duty duty) const { return std::ranges::find(duties, duty) != duties.end(); }

Decision Permits(const Subject& subject, Kind kind, Op op) {
  return RolePermits(subject, kind, op) ? Decision::kAllow : Decision::kForbidden;
}

Decision Decide(const Subject& subject, const Resource& resource, Op op) {
  if (!Visible(subject, resource)) return Decision::kHidden;
  // An institute touching another institute's profile is answered like any cross-institute
  // access: as if it did not exist.
  if (resource.kind == Kind::kInstituteProfile && op != Op::kRead &&
      subject.role == Role::kInstitute && !OwnOrg(subject, resource.id))
    return Decision::kHidden;
  if (!RolePermits(subject, resource.kind, op) || !RightParty(subject, resource, op))
    return Decision::kForbidden;
  return Decision::kAllow;
}
ListScope ScopeFor(const Subject& s, Kind kind) {
  ListScope scope;
  scope.allowed = RolePermits(s, kind, Op::kRead);
  if (!scope.allowed) return scope;
  const std::vector<std::string> regions = s.region_codes;
  const bool regulator = IsRegulator(s.role);
  auto own = s.org_id.value_or(-1);  // an organisation-less user of an owning role sees nothing
  switch (kind) {
    case Kind::kOrganisation:
      if (s.role == Role::kSysadmin) break;
      if (s.role == Role::kEnterprise || s.role == Role::kInstitute)
        scope.owner_org_id = own;
      else
        scope.region_codes = regions;
      break;
    case Kind::kUser:
      if (s.role == Role::kInstitute) scope.owner_org_id = own;
      break;
    case Kind::kArchive:
    case Kind::kOverview:
      scope.region_codes = regions;
      break;
    case Kind::kInstrument:
      if (s.role == Role::kEnterprise) {
        scope.owner_org_id = own;
      } else if (s.role == Role::kInstitute) {
        scope.allowed = false;  // no registry list: instruments reach it through appointments
      } else {
        scope.region_codes = regions;
        scope.released_only = scope.mandatory_only = true;
      }
      break;
    case Kind::kSamplingPlan:
      if (s.role == Role::kDistrictRegulator) scope.region_codes = regions;
      if (s.role == Role::kInstitute) scope.institute_org_id = own;
      break;
    case Kind::kRectification:
      if (s.role == Role::kEnterprise)
        scope.owner_org_id = own;
      else if (s.role == Role::kInstitute)
        scope.institute_org_id = own;
      else
        scope.region_codes = regions;
      break;
    case Kind::kAnnouncement:
      if (s.role != Role::kCityRegulator) {
        scope.released_only = true;  // roles and districts: announcements_store's reader filter
        scope.region_codes = regions;
      }
      break;
    case Kind::kImport:
      scope.owner_org_id = own;
      break;
    case Kind::kInspector:
      if (s.role != Role::kCityRegulator) scope.owner_org_id = own;
      break;
    case Kind::kInspectionPlan:
    case Kind::kInspectionTask:
    case Kind::kStatistics:
    case Kind::kAnnualReport:
    case Kind::kProblemReport:
    case Kind::kReconciliation:
    case Kind::kChargeAlert:
      scope.region_codes = regions;
      break;
    case Kind::kAcceptanceCheck:
      if (s.role == Role::kEnterprise)
        scope.owner_org_id = own;
      else
        scope.region_codes = regions;
      break;
    case Kind::kStandard:
      scope.institute_org_id = own;
      break;
    case Kind::kInstituteReport:
      if (s.role == Role::kInstitute) scope.institute_org_id = own;
      break;
    case Kind::kMilestone:
      scope.region_codes = regions;
      break;
    case Kind::kAppointment:
    case Kind::kVerificationRecord:
    case Kind::kCertificate:
      if (s.role == Role::kEnterprise) {
        scope.owner_org_id = own;
        scope.released_only = kind == Kind::kVerificationRecord;
      } else if (s.role == Role::kInstitute) {
        scope.institute_org_id = own;
        scope.released_only = kind == Kind::kAppointment;
      } else if (regulator) {
        scope.region_codes = regions;
        scope.released_only = true;
      }
      break;
    default:
      break;
  }
  return scope;
}

bool SeesContactPhone(const Subject& s, const Resource& r) {
  switch (r.kind) {
    case Kind::kOrganisation:  // an enterprise's contact: itself and its district's bureau
      return OwnOrg(s, r.id) || (s.role == Role::kDistrictRegulator && InRegion(s, r));
    case Kind::kAppointment:  // the booking's contact: the enterprise and the institute it calls
      return OwnOrg(s, r.owner_org_id) ||
             (s.role == Role::kInstitute && OwnOrg(s, r.institute_org_id));
    default:
      return false;
  }
}

}  // namespace mvis::domain::access
