# Writes a C++ file holding every sql/migrations/NNNN_name.sql, in order, as
# {name, text} pairs (see sql/migration.hpp). Run by CMake at build time.
file(GLOB files ${DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  get_filename_component(name ${f} NAME_WE)
  file(READ ${f} text)
  # A raw string literal with a delimiter no migration will contain.
  string(APPEND body "  {\"${name}\", R\"construction_sql(${text})construction_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from sql/migrations by cmake/embed_migrations.cmake.\n#include \"sql/embedded_migrations.hpp\"\n\nnamespace construction::sql {\nconst std::vector<EmbeddedMigration>& embedded_migrations() {\n  static const std::vector<EmbeddedMigration> all = {\n${body}  };\n  return all;\n}\n}  // namespace construction::sql\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
