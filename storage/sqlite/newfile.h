// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QByteArray>
#include <QString>

namespace hb::storage {

/**
 * A file that must not exist yet, written in full before it appears under its name: the content goes to a temporary
 * file created exclusively in the target's folder (O_CREAT | O_EXCL | O_NOFOLLOW, so no link is ever followed), and
 * commit() gives it the target's name without replacing anything (renameat2 RENAME_NOREPLACE; where the file system
 * lacks it, link + unlink). A failure, or a NewFile destroyed before commit(), leaves nothing behind; a file that
 * appeared under the name in the meantime is kept and reported, never overwritten.
 */
class NewFile final
{
public:
    /// @p path: the target's name as the file system spells it (bytes); @p shownPath: for messages.
    NewFile(QByteArray path, QString shownPath);
    ~NewFile();
    Q_DISABLE_COPY_MOVE(NewFile)

    /// Creates the temporary file; fails when the target exists already or its folder cannot take it.
    Status create();
    /// The temporary file's descriptor (after create()), to write to.
    int descriptor() const { return m_fd; }
    /// The temporary file's path, for writers that open it by name (SQLite's VACUUM INTO takes an empty file).
    QString temporaryPath() const;
    /// Syncs the temporary file and gives it the target's name without replacing anything.
    Status commit();
    /// Removes the temporary file (also done by the destructor unless committed).
    void discard();

private:
    Error ioError(const QString &doing, int error) const;

    QByteArray m_path;
    QString m_shownPath;
    QByteArray m_temporary;
    int m_fd = -1;
};

} // namespace hb::storage
