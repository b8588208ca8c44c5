#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

static _Noreturn void cannot(const pl_dynlib *lib, const char *what, const char *why)
{
    fprintf(stderr, "planlint: %s needs %s, which %s: %s\n", lib->needed_for, lib->soname, what,
            why ? why : "unknown error");
    exit(2);
}

static void *load(pl_dynlib *lib)
{
    void *h = atomic_load_explicit(&lib->handle, memory_order_acquire);
    if (h)
        return h;
    pthread_mutex_lock(&load_lock);
    h = atomic_load_explicit(&lib->handle, memory_order_relaxed);
    if (!h) {
        /* RTLD_LOCAL: its symbols stay its own; never unloaded */
        h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *why = dlerror();
            pthread_mutex_unlock(&load_lock);
            cannot(lib, "could not be loaded", why);
        }
        if (lib->init)
            lib->init(h);
        atomic_store_explicit(&lib->handle, h, memory_order_release);
    }
    pthread_mutex_unlock(&load_lock);
    return h;
}

void *pl_dynlib_sym(pl_dynlib *lib, const char *name)
{
    void *h = load(lib);
    void *f = dlsym(h, name);
    if (!f)
        cannot(lib, "lacks a function planlint calls", name);
    return f;
}

void *pl_dynlib_cached(pl_dynlib *lib, _Atomic(void *) *slot, const char *name)
{
    void *f = atomic_load_explicit(slot, memory_order_acquire);
    if (!f) {
        f = pl_dynlib_sym(lib, name);
        atomic_store_explicit(slot, f, memory_order_release);
    }
    return f;
}
