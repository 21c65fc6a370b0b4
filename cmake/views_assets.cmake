# Copies what the pages serve into ${CMAKE_BINARY_DIR}/views: the templates
# (views/templates/, a folder per resource), our own stylesheet (views/static/) and the
# assets installed by `npm ci` (package-lock.json pins them).
set(CONSTRUCTION_NPM_ASSETS
  ${CMAKE_SOURCE_DIR}/node_modules/htmx.org/dist/htmx.min.js
  ${CMAKE_SOURCE_DIR}/node_modules/@picocss/pico/css/pico.min.css)
foreach(asset IN LISTS CONSTRUCTION_NPM_ASSETS)
  if(NOT EXISTS ${asset})
    message(FATAL_ERROR "${asset} is missing: run `npm ci` at the repository root "
                        "(./scripts/install-deps.sh does it)")
  endif()
endforeach()

file(GLOB_RECURSE CONSTRUCTION_TEMPLATES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/views/templates/*.mustache)
file(GLOB CONSTRUCTION_OWN_STATIC CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/views/static/*)

set(views_out ${CMAKE_BINARY_DIR}/views)
# A template moved or deleted in the source leaves no copy behind here: the
# server loads every template of the folder, and update.sh installs it whole.
file(GLOB_RECURSE copied_templates ${views_out}/templates/*.mustache)
foreach(copy IN LISTS copied_templates)
  file(RELATIVE_PATH name ${views_out}/templates ${copy})
  if(NOT EXISTS ${CMAKE_SOURCE_DIR}/views/templates/${name})
    file(REMOVE ${copy})
  endif()
endforeach()
set(views_outputs)
foreach(file IN LISTS CONSTRUCTION_TEMPLATES)
  file(RELATIVE_PATH name ${CMAKE_SOURCE_DIR}/views/templates ${file})
  list(APPEND views_outputs ${views_out}/templates/${name})
  add_custom_command(OUTPUT ${views_out}/templates/${name}
    COMMAND ${CMAKE_COMMAND} -E copy ${file} ${views_out}/templates/${name}
    DEPENDS ${file} VERBATIM)
endforeach()
foreach(file IN LISTS CONSTRUCTION_OWN_STATIC CONSTRUCTION_NPM_ASSETS)
  get_filename_component(name ${file} NAME)
  list(APPEND views_outputs ${views_out}/static/${name})
  add_custom_command(OUTPUT ${views_out}/static/${name}
    COMMAND ${CMAKE_COMMAND} -E copy ${file} ${views_out}/static/${name}
    DEPENDS ${file} VERBATIM)
endforeach()
add_custom_target(construction_views_assets ALL DEPENDS ${views_outputs})
