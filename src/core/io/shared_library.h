// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Libraries opened with dlopen on first use (libzip, ReadStat, libxlsxwriter): Debian ships
// none of them as a static archive, and linking them would make every attune-cli run pay for
// their relocations. Callers keep function pointers typed from the library's header
// (decltype(&fn)), so every call is still checked by the compiler. Handles are never closed.

#include <dlfcn.h>

#include <initializer_list>
#include <string>

namespace attune::io::detail
{

/// The first of `sonames` that loads, or null with `problem` set to the loader's reason.
inline void* open_library(std::initializer_list<const char*> sonames, std::string& problem)
{
    for (const char* name : sonames)
        if (void* handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL))
            return handle;
    const char* why = ::dlerror();
    problem = why != nullptr ? why : "cannot be loaded";
    return nullptr;
}

/// Sets `f` to the symbol `name`; on the first missing one, `problem` says "LIBRARY lacks NAME".
template <typename F>
void bind(void* handle, F& f, const char* name, std::string& problem, const char* library)
{
    // A data pointer to a function pointer: conditionally supported in C++, and what POSIX
    // requires of dlsym.
    f = reinterpret_cast<F>(::dlsym(handle, name));
    if (f == nullptr && problem.empty())
        problem = std::string(library) + " lacks " + name;
}

} // namespace attune::io::detail
