# The streaming spreadsheet reader (src/io/spreadsheet_reader.hpp): unit tests, files from real
# writers (tests/spreadsheet/make_corpus.sh: openpyxl, SheetJS, exceljs, LibreOffice when
# installed; libxlsxwriter in-process) and hostile input. The fuzz harness in tests/fuzz is built
# by scripts/fuzz-reader.sh, not here.
find_package(ZLIB REQUIRED)
pkg_check_modules(MVIS_TEST_XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

add_executable(mvis_spreadsheet_tests
  unit/spreadsheet_reader_test.cpp
  spreadsheet/writers_test.cpp
  spreadsheet/hostile_test.cpp
  spreadsheet/values_test.cpp
)
target_include_directories(mvis_spreadsheet_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/spreadsheet)
target_link_libraries(mvis_spreadsheet_tests PRIVATE
  mvis_io ZLIB::ZLIB PkgConfig::MVIS_TEST_XLSXWRITER GTest::gtest_main)
target_compile_definitions(mvis_spreadsheet_tests PRIVATE
  MVIS_SPREADSHEET_DIR="${CMAKE_CURRENT_SOURCE_DIR}/spreadsheet"
  MVIS_SPREADSHEET_CORPUS="${PROJECT_BINARY_DIR}/spreadsheet-corpus")
set_target_properties(mvis_spreadsheet_tests PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
add_test(NAME spreadsheet COMMAND mvis_spreadsheet_tests)
# LibreOffice's first start and npm ci on a fresh machine take a while.
set_tests_properties(spreadsheet PROPERTIES TIMEOUT 900)
