// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace hb::storage {

/**
 * Reads a board file without ever closing a descriptor of it.
 *
 * POSIX drops every lock a process holds on a file when the process closes *any* descriptor of that file. SQLite
 * guards its own descriptors against this, but a QFile opened and closed beside an open connection (to read the
 * header, say) would silently drop that connection's locks, and a colleague could then write in the middle of our
 * commit. So the board is read here through one read-only descriptor per file (by device and inode), opened the first
 * time it is needed and kept for the life of the process. A file replaced under the same name (a restore) gets a
 * new descriptor; the old one stays open, for the same reason.
 */
namespace keptfile {

/// The kept descriptor of the file now at @p path, or -1 with errno set when it cannot be opened.
int descriptor(const QString &path);

/// Reads up to @p size bytes at @p offset of the file now at @p path: the number read, or -1 with errno set.
qint64 read(const QString &path, char *to, qint64 size, qint64 offset);

/// Reads up to @p size bytes at @p offset of @p fd, past interruptions: the number read (fewer at the end of the
/// file), or -1 with errno set.
qint64 readAt(int fd, char *to, qint64 size, qint64 offset);

/// The size of the file now at @p path, read through its kept descriptor; -1 with errno set when it cannot be read.
qint64 size(const QString &path);

} // namespace keptfile
} // namespace hb::storage
