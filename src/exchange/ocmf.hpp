// Open Charge Metering Format (OCMF) signed meter values: "OCMF|{payload}|{signature}". The
// signature (SD, hex DER ECDSA) is checked over SHA-256 of the exact payload bytes with the meter's
// registered public key (DER SubjectPublicKeyInfo, hex) — secp256r1, secp384r1 or
// brainpoolP256r1, the curve taken from the key, never from SA — and the readings are checked as
// one transaction. Pure functions, any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mvis::exchange::ocmf {

struct Reading {
  std::string time;         // TM, e.g. "2019-08-13T10:03:15,000+0000 I"
  std::string type;         // TX: B begin, C charging, X exception, E/L/R/A/P end, T tariff change
  double value = 0;         // RV
  std::string unit;         // RU
  std::string obis;         // RI
  std::string status;       // ST: G good
  std::string error_flags;  // EF
};

struct Record {
  std::string payload;  // the exact bytes signed
  std::string signature_hex;
  std::string declared_algorithm;         // SA as sent (informative only)
  std::string pagination;                 // PG, e.g. "T32"
  std::string meter_serial;               // MS, or GS when MS is absent
  std::string meter_vendor, meter_model;  // MV, MM
  std::vector<Reading> readings;
};

struct Verdict {
  bool valid = false;
  std::string reason;  // stable code when not valid, e.g. "signature_invalid"
  std::string curve;   // of the key: secp256r1 | secp384r1 | brainpoolP256r1
  Record record;
};

// Splits and reads an OCMF string; reason "format_invalid" / "payload_invalid" on failure
// (verdict.valid stays false either way: this does not check the signature).
Verdict Parse(std::string_view text);

// The curve of a public key (DER SubjectPublicKeyInfo, hex): secp256r1 | secp384r1 |
// brainpoolP256r1; "" with `reason` key_invalid or key_unsupported.
std::string KeyCurve(std::string_view public_key_hex, std::string* reason = nullptr);

// Parses, checks the signature with `public_key_hex`, then the readings (see CheckReadings).
// Reasons: format_invalid, payload_invalid, key_invalid, key_unsupported, signature_invalid,
// readings_empty, begin_missing, end_invalid, status_not_good, readings_decreasing.
Verdict Verify(std::string_view text, std::string_view public_key_hex);

// The readings of one transaction: the first TX=B, the last one of E, L, R, A, P (when more than
// one reading), every ST = G, values non-decreasing. "" when all hold, else the reason.
std::string CheckReadings(const std::vector<Reading>& readings);

// Records of one transaction sent separately (begin, end): same meter, pagination continuous
// (T1, T2, …), readings non-decreasing across them. "" when all hold; else meter_changed,
// pagination_gap or the CheckReadings reason.
std::string CheckTransaction(const std::vector<Record>& records);

}  // namespace mvis::exchange::ocmf
