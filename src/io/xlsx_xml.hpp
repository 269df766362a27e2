// Streaming XML for the parts of an .xlsx package, on expat: a zip entry is inflated in chunks
// straight into expat's buffer and parsed as it arrives, so no part is ever held whole. Element
// and attribute names reach the handler without their namespace prefix ("x:row" → "row"), as
// writers differ in prefixes. A DOCTYPE (and so any DTD or entity declaration) aborts the parse
// with xml_forbidden_dtd; external entities are never resolved.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "domain/error.hpp"
#include "io/xlsx_zip.hpp"

namespace mvis::io::sheet {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // attributes: name, value, name, value, …, nullptr (names with their prefix; see Attribute).
  virtual void OnStart(std::string_view name, const char** attributes) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  // Character data, possibly split across calls; delivered only while wants_text_ is set.
  virtual void OnText(const char* data, size_t size) {
    (void)data;
    (void)size;
  }

 protected:
  // From a callback: stop, and make ParseXmlEntry return `error`.
  void Abort(Error error);
  // From a callback: stop; ParseXmlEntry returns success.
  void Finish();

  bool wants_text_ = false;

 private:
  friend struct XmlRun;
  friend Status ParseXmlEntry(ZipPackage& package, size_t entry, XmlHandler& handler);
  void* parser_ = nullptr;
  bool stopped_ = false;
  std::optional<Error> error_;
};

// "x:row" → "row", "row" → "row".
std::string_view LocalName(const char* qualified);

// The value of the attribute whose local name is `local_name`, or nullptr.
const char* Attribute(const char** attributes, std::string_view local_name);

// Parses zip entry `entry` of `package` with `handler`, on the calling thread; an entry declared
// larger than 2 MiB is inflated meanwhile on a second thread (xlsx_prefetch.hpp). Fails with
// xml_forbidden_dtd,
// xml_invalid (not well-formed, or nested deeper than 256 elements), a zip error while
// inflating, or the error the handler aborted with.
Status ParseXmlEntry(ZipPackage& package, size_t entry, XmlHandler& handler);

}  // namespace mvis::io::sheet
