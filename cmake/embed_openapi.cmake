# Writes OUT: a C++ file whose mvis::http::OpenApiDocument() returns the contents of IN.
file(READ ${IN} doc)
file(WRITE ${OUT} "// Generated from src/http/openapi.json — do not edit.\n#include <string>\nnamespace mvis::http {\nconst std::string& OpenApiDocument() {\n  static const std::string doc = R\"MVISDOC(${doc})MVISDOC\";\n  return doc;\n}\n}  // namespace mvis::http\n")
