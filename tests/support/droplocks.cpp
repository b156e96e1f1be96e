// SPDX-License-Identifier: GPL-3.0-or-later
// LD_PRELOAD shim for tests: this process's byte-range locks reach no one, as on a cifs `nobrl` mount seen from
// two desktops. fcntl() lock requests succeed without locking, and a lock test always answers "unlocked".
// With HELPBOARD_DROPLOCKS=enolck, lock calls on HelpBoard's lock side files fail with ENOLCK instead (a share
// that does not support locks), while SQLite's own locks work; with HELPBOARD_DROPLOCKS=keep every lock works.
// HELPBOARD_SLOW_SYNC_MS=N makes each fsync() and fdatasync() take N ms more (a slow share: a write that lasts).
#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace {

using Fcntl = int (*)(int, int, ...);

Fcntl next(const char *name)
{
    return reinterpret_cast<Fcntl>(dlsym(RTLD_NEXT, name));
}

bool isSideFile(int fd)
{
    char path[4096];
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    const ssize_t length = readlink(link.c_str(), path, sizeof(path) - 1);
    if (length <= 0)
        return false;
    path[length] = '\0';
    const char suffix[] = ".helpboard-locks";
    const size_t suffixLength = sizeof(suffix) - 1;
    return size_t(length) >= suffixLength && std::strcmp(path + length - suffixLength, suffix) == 0;
}

int dropLocks(const char *name, int fd, int cmd, void *arg)
{
    static const char *const mode = std::getenv("HELPBOARD_DROPLOCKS");
    static const bool enolck = mode && std::strcmp(mode, "enolck") == 0;
    static const bool keep = mode && std::strcmp(mode, "keep") == 0;
    const bool lockCall = !keep
                          && (cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK || cmd == F_OFD_SETLK
                              || cmd == F_OFD_SETLKW || cmd == F_OFD_GETLK);
    if (lockCall && enolck) {
        if (isSideFile(fd)) {
            errno = ENOLCK;
            return -1;
        }
    } else if (lockCall) {
        if (cmd == F_GETLK || cmd == F_OFD_GETLK)
            static_cast<struct flock *>(arg)->l_type = F_UNLCK;
        return 0;
    }
    static const Fcntl real = next(name);
    return real(fd, cmd, arg);
}

void slowSync()
{
    static const long ms = [] {
        const char *value = std::getenv("HELPBOARD_SLOW_SYNC_MS");
        return value ? std::strtol(value, nullptr, 10) : 0L;
    }();
    if (ms > 0)
        usleep(useconds_t(ms * 1000));
}

using Sync = int (*)(int);

} // namespace

extern "C" int fsync(int fd)
{
    slowSync();
    static const auto real = reinterpret_cast<Sync>(dlsym(RTLD_NEXT, "fsync"));
    return real(fd);
}

extern "C" int fdatasync(int fd)
{
    slowSync();
    static const auto real = reinterpret_cast<Sync>(dlsym(RTLD_NEXT, "fdatasync"));
    return real(fd);
}

extern "C" int fcntl(int fd, int cmd, ...)
{
    va_list args;
    va_start(args, cmd);
    void *arg = va_arg(args, void *);
    va_end(args);
    return dropLocks("fcntl", fd, cmd, arg);
}

extern "C" int fcntl64(int fd, int cmd, ...)
{
    va_list args;
    va_start(args, cmd);
    void *arg = va_arg(args, void *);
    va_end(args);
    return dropLocks("fcntl64", fd, cmd, arg);
}
