# Writes OUT: a C++ file defining mvis::store::kMigrations from the .sql FILES (sorted by name).
set(content "// Generated from src/store/migrations/*.sql — do not edit.\n#include \"store/migrate.hpp\"\n\nnamespace mvis::store {\nconst std::vector<Migration> kMigrations = {\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" version ${name})
  math(EXPR version "${version} + 0")  # "0008" is not an octal literal
  file(READ ${f} sql)
  string(APPEND content "  {${version}, \"${name}\", R\"MVISSQL(${sql})MVISSQL\"},\n")
endforeach()
string(APPEND content "};\n}  // namespace mvis::store\n")
file(WRITE ${OUT} "${content}")
