// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace hb::storage {

/// What a second look at a board said after a read failed.
struct DamageCheck
{
    enum class Verdict {
        Sound,   ///< integrity_check says ok: the failure was the file system's, not the file's
        Damaged, ///< integrity_check found problems, or failed with corruption on every try
        Unknown, ///< the check itself could not read the file (share gone, busy): not damage
    };
    Verdict verdict = Verdict::Unknown;
    QString detail; ///< what integrity_check found (Damaged) or why it could not run (Unknown)
};

/**
 * Runs PRAGMA integrity_check on the board at @p path through a new read-only connection (fresh page cache, fresh
 * reads), up to three times while it cannot be completed. Used to tell damage from a read that failed once.
 */
DamageCheck confirmDamage(const QString &path);

} // namespace hb::storage
