// The product's version. CMake defines CONSTRUCTION_VERSION for every target
// from project(VERSION); the fallback only serves tools that read a file alone.
#pragma once
#ifndef CONSTRUCTION_VERSION
#define CONSTRUCTION_VERSION "0.0.0-unknown"
#endif
