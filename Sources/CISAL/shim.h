#ifndef KREPLAY_CISAL_SHIM_H
#define KREPLAY_CISAL_SHIM_H
/* ISA-L igzip, used only when kreplay is built with the ISAL package trait.
   isa-l.h carries ISAL_MAJOR_VERSION & co.; igzip_lib.h the inflate API. */
#include <isa-l.h>
#include <isa-l/igzip_lib.h>
#endif
