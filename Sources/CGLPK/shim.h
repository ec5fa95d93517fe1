// Exposes GLPK's public API (Debian: libglpk-dev installs /usr/include/glpk.h).
#include <glpk.h>
