// Verification records with their three signatures, and the certificates / result notices
// issued from them (every revision kept), with per-institute yearly numbering.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct VerificationRow {
  int64_t id = 0;
  int64_t institute_org_id = 0;
  int64_t appointment_id = 0;
  int64_t instrument_id = 0;
  std::string kind, regulation, accuracy_class, verified_on, status;
  std::string data;  // JSON of the measured data and computed results
  std::string conclusion;
  std::string failed_items;  // JSON array
  std::optional<int64_t> verifier_user_id, verifier_signed_at;
  std::optional<int64_t> checker_user_id, checker_signed_at;
  std::optional<int64_t> approver_user_id, approver_signed_at;
  std::string last_reason;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // Filled by reads.
  int64_t org_id = 0;
  std::string org_name, institute_name, install_region_code;
  std::string verifier_name, checker_name, approver_name;
  std::string type_code, type_name, instrument_name, model, serial_no, manufacturer;
  bool tou_billing = false;
};

struct VerificationFilter {
  std::optional<int64_t> institute_org_id;
  std::optional<int64_t> org_id;  // the instrument's owner
  std::optional<std::vector<std::string>> region_codes;
  std::vector<std::string> statuses;  // empty: any
  std::optional<int64_t> appointment_id;
  std::optional<int64_t> instrument_id;
  std::string query;  // serial number, model, owner name
};

int64_t InsertVerification(Tx& tx, const VerificationRow& v);
// Writes the data, conclusion, status, signatures and reason of `v`.
void UpdateVerification(Tx& tx, const VerificationRow& v);
std::optional<VerificationRow> FindVerification(Tx& tx, int64_t id);
Page<VerificationRow> ListVerifications(Tx& tx, const VerificationFilter& f,
                                        const PageRequest& page);
int64_t CountVerifications(Tx& tx, const VerificationFilter& f);
// A record of `instrument_id` in `appointment_id` that is not yet approved.
std::optional<int64_t> FindOpenVerification(Tx& tx, int64_t appointment_id, int64_t instrument_id);

struct CertificateRow {
  int64_t id = 0;
  std::string number;
  int revision = 1;
  std::string kind;    // certificate | result_notice
  std::string status;  // valid | superseded | revoked
  int64_t verification_id = 0;
  int64_t instrument_id = 0;
  int64_t org_id = 0;
  int64_t institute_org_id = 0;
  std::string install_region_code;
  std::string issue_date, valid_until, verified_on;
  std::string reason;
  std::string token;
  std::string snapshot;  // JSON
  int64_t created_by = 0;
  int64_t created_at = 0;
  // Filled by reads.
  std::string org_name, institute_name;
};

struct CertificateFilter {
  std::optional<int64_t> institute_org_id;
  std::optional<int64_t> org_id;
  std::optional<std::vector<std::string>> region_codes;
  std::optional<int64_t> instrument_id;
  std::string kind;
  std::string status;  // valid | expired (on `today`) | failed | revoked | superseded
  std::string today;
  std::string query;  // number, owner name
};

// The next number in the institute's yearly sequence for `kind` (starts at 1).
int64_t NextCertificateSequence(Tx& tx, int64_t institute_org_id, int year,
                                const std::string& kind);
int64_t InsertCertificate(Tx& tx, const CertificateRow& c);
void SetCertificateStatus(Tx& tx, int64_t id, const std::string& status, const std::string& reason);
// The latest revision of `number`.
std::optional<CertificateRow> FindCertificate(Tx& tx, const std::string& number);
std::optional<CertificateRow> FindCertificateRevision(Tx& tx, const std::string& number,
                                                      int revision);
std::vector<CertificateRow> ListCertificateRevisions(Tx& tx, const std::string& number);
// The same without the (large) snapshot column, for the public check.
std::vector<CertificateRow> ListCertificateRevisionsLight(Tx& tx, const std::string& number);
std::string CertificateSnapshot(Tx& tx, int64_t certificate_id);
std::optional<CertificateRow> FindCertificateOfVerification(Tx& tx, int64_t verification_id);
// Latest revisions only.
Page<CertificateRow> ListCertificates(Tx& tx, const CertificateFilter& f, const PageRequest& page);
// The most recent document (any number) issued for the instrument: only id, number, kind and
// status are read (the live status needs no more).
std::optional<CertificateRow> LatestCertificateOfInstrument(Tx& tx, int64_t instrument_id);

}  // namespace mvis::store
