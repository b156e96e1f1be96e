// SPDX-License-Identifier: GPL-3.0-or-later
#include "result.h"

namespace hb::storage {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Busy:
        return QStringLiteral("busy");
    case ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ErrorKind::ReadOnly:
        return QStringLiteral("read-only");
    case ErrorKind::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorKind::NotFound:
        return QStringLiteral("not-found");
    case ErrorKind::Invalid:
        return QStringLiteral("invalid");
    case ErrorKind::Corrupt:
        return QStringLiteral("corrupt");
    case ErrorKind::NotABoard:
        return QStringLiteral("not-a-board");
    case ErrorKind::TooNew:
        return QStringLiteral("too-new");
    case ErrorKind::Io:
        return QStringLiteral("io");
    }
    return QStringLiteral("unknown");
}

} // namespace hb::storage
