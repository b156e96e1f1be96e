// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QByteArray>
#include <QString>

#include <optional>

namespace hb::storage {

/**
 * The note "this board was found damaged", kept in a small file beside the board (BOARD-damaged) so that it survives
 * damage to the board itself and every process on every desktop sees it before it writes.
 *
 * Any process that confirms damage writes it (temporary file, then rename); every write refuses while it is there;
 * only `helpboard-cli verify` on a fully sound file removes it. A file there that cannot be read or parsed still
 * counts as a mark: refusing a write is the safe side.
 */
struct DamageMark
{
    QString reason;      ///< what was found, as the finder said it
    qint64 time = 0;     ///< when (UTC ms since the epoch)
    QString host;        ///< the finder's computer
    QString login;       ///< the finder's login
    QString fingerprint; ///< size and change counter of the board when it was found

    static constexpr qint64 s_maxFileSize = 64 * 1024;
    static constexpr int s_maxReasonLength = 2000;
    static constexpr int s_maxNameLength = 200;

    /// The mark file of the board at @p boardPath.
    static QString pathFor(const QString &boardPath);
    /// A mark for damage found now by this computer and login.
    static DamageMark make(const QString &boardPath, const QString &reason, const QString &login = {});
    /// Parses a mark file's content; std::nullopt with @p problem set when it is not a mark this program wrote.
    static std::optional<DamageMark> parse(const QByteArray &bytes, QString *problem = nullptr);
    /// The mark beside @p boardPath; std::nullopt when there is none. An unreadable one comes back with a reason
    /// saying so.
    static std::optional<DamageMark> read(const QString &boardPath);
    static bool exists(const QString &boardPath);
    /// Writes @p mark beside @p boardPath (a temporary file renamed over it); an earlier mark is kept as it is.
    static Status write(const QString &boardPath, const DamageMark &mark);
    static Status clear(const QString &boardPath);
    /// "size:change-counter" of a board file, read without SQLite.
    static QString fingerprintOf(const QString &boardPath);

    QByteArray toJson() const;
    /// One line for people: the reason, who found it, where and when.
    QString describe() const;
};

} // namespace hb::storage
