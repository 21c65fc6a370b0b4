# The layer diagram (DESIGN.md, "Layers") as the build uses it: one row per
# folder, naming the folders (and outside libraries) it may use. CMakeLists.txt
# makes each row a static library `construction_<folder>` (cli/ is the
# `construction` executable) linked to what the row names, and the unit test
# test/cmake/layers_test.cmake reads the same rows and fails on any
# `#include "folder/…"` a row does not name, so the table cannot drift from
# either the build or the code.
#
# PUBLIC: the folder's own headers include it, so whoever includes them needs
# it too. PRIVATE: only its .cpp files do. A folder may always include itself.
# The rows run from the bottom of the diagram up, and a row names only rows
# before it, so the layers cannot form a cycle (the test checks that too).

set(CONSTRUCTION_LAYERS domain sql documents operations runtime worker supervisor api views app mail cli)
# The row that is the `construction` executable rather than a library.
set(CONSTRUCTION_EXECUTABLE cli)

# Construction rules: money, estimates, change orders, billing. No HTTP, no SQL.
set(CONSTRUCTION_LAYER_domain)
# PostgreSQL. Stores hand back domain types (Cents, statuses), so sql/ names
# domain/; its headers own libpq handles.
set(CONSTRUCTION_LAYER_sql PUBLIC domain PkgConfig::LIBPQ)
# The documents that leave the office as PDFs (cairo + pango): a layout
# engine and one renderer per kind, from the records sql/ reads; poppler
# reads a signed PDF's pages back into the sealed record; libsodium's
# SHA-256 keys the PDFs a worker keeps (documents/pdf_cache).
set(CONSTRUCTION_LAYER_documents PUBLIC domain sql
  PRIVATE PkgConfig::CAIRO PkgConfig::PANGOCAIRO PkgConfig::POPPLER_GLIB PkgConfig::SODIUM)
# The product's use cases, one transaction each, and authentication.
set(CONSTRUCTION_LAYER_operations PUBLIC domain sql PRIVATE documents PkgConfig::SODIUM OpenSSL::Crypto)
# What the master and the workers share: configuration, listeners, the log,
# the scoreboard, syscall helpers. Nothing of the product.
set(CONSTRUCTION_LAYER_runtime)
# One worker process's life: accept loop, HTTP session, router.
set(CONSTRUCTION_LAYER_worker PUBLIC runtime Boost::headers PRIVATE Threads::Threads)
# The master: it forks workers, so it names worker/ (and never the reverse).
set(CONSTRUCTION_LAYER_supervisor PUBLIC runtime worker)
# JSON handlers: HTTP <-> operations.
set(CONSTRUCTION_LAYER_api PUBLIC domain operations sql worker PRIVATE runtime)
# Pages: forms <-> operations, mustache. Session cookies are sealed here.
set(CONSTRUCTION_LAYER_views PUBLIC domain operations runtime sql worker
  PRIVATE PkgConfig::SODIUM OpenSSL::Crypto)
# The composition root: which routes and which pool a worker gets, and what
# the mailer queues in the pages' words.
set(CONSTRUCTION_LAYER_app PUBLIC runtime sql views worker PRIVATE api operations)
# `construction mailer`: the outbox's messages as MIME, sent over SMTP
# (libcurl) or written as .eml files. Its own process, never a worker.
set(CONSTRUCTION_LAYER_mail PUBLIC domain operations runtime sql PRIVATE PkgConfig::CURL)
# The `construction` command: subcommand dispatch.
set(CONSTRUCTION_LAYER_cli PRIVATE app domain mail operations runtime sql supervisor)
