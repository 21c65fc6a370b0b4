// The product's version, set by CMake from project(VERSION).
#pragma once
#ifndef CONSTRUCTION_VERSION
#define CONSTRUCTION_VERSION "0.1.0"
#endif
