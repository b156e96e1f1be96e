// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/boardstore.h>
#include <storage/result.h>

#include <QByteArray>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <utility>

/// Helpers shared by the test executables.
/**
 * A check this machine cannot make (a tool missing, no root): skipped on a developer's machine, but failed where CI is
 * set, since ./packaging/dev.sh installs everything the tests need there and a skip would pass without testing.
 */
#define HB_SKIP_UNLESS_CI(reason) \
    do { \
        if (qEnvironmentVariableIsSet("CI")) \
            QFAIL(reason); \
        else \
            QSKIP(reason); \
    } while (false)

namespace hb::tests {

/// "kind: message", for failure messages.
QString describe(const storage::Error &error);

template<typename T>
QString describe(const storage::Result<T> &result)
{
    return result ? QStringLiteral("ok") : describe(result.error());
}

storage::StoreOptions optionsFor(const QString &login, int busyTimeoutMs = 30000);

/// The SHA-256 (hex) of a file's content, or empty if it cannot be read.
QByteArray sha256Of(const QString &path);
bool writeFile(const QString &path, const QByteArray &bytes);
/// A file made to look like another tool's export (tests/data/import/@p name).
QString importFixture(const QString &name);

struct RawResult
{
    QString error;            ///< empty when every statement ran
    QList<QVariantList> rows; ///< the rows of the last statement, read to the end
};

/// Where the file at @p path says card @p id is: {column number, position in it}, {-1, -1} when not found.
std::pair<int, int> storedPlace(const QString &path, qint64 id);

/**
 * A path from which another user (uid 65534 in the read-only tests) can run @p program: the program itself when
 * every folder above it lets others in, otherwise a copy in @p folder, which the caller makes traversable.
 */
QString programForOtherUsers(const QString &program, const QString &folder);

/// Holds the write lock of a board file (BEGIN IMMEDIATE, nothing written), as a colleague in the middle of a
/// save does, until release() or destruction.
class WriteLock
{
public:
    explicit WriteLock(const QString &path);
    ~WriteLock();
    Q_DISABLE_COPY_MOVE(WriteLock)

    bool isHeld() const { return m_held; }
    void release();

private:
    QString m_name;
    bool m_held = false;
};

/// Runs @p statements on a plain QSqlDatabase connection of its own (no BoardStore rules), then closes it.
RawResult rawSql(const QString &path, const QStringList &statements);
/**
 * Every row of every table of the board at @p path, hashed, a line per table ("cards:1a2b…"): what "the board is as it
 * was" compares, and which table is not. Who has it open (presence) and the daily check's stamp are no content.
 */
QByteArray tableHashes(const QString &path);
/// The tables whose rows differ between two tableHashes(), by name; empty when none do.
QStringList changedTables(const QByteArray &before, const QByteArray &after);

/// This process's environment, under the lock-dropping shim ($HELPBOARD_DROPLOCKS_LIB) when @p dropLocks: the
/// process's locks reach no one, as on a cifs nobrl mount. @p extra: NAME=VALUE pairs on top.
QProcessEnvironment lockTestEnvironment(bool dropLocks, const QStringList &extra = {});

/**
 * A colleague with @p board open as @p login: `helpboard-cli hold-open` ($HELPBOARD_CLI) for @p seconds, looking as
 * a window does. Returned once it holds the board, or has ended (it may be the first to find that locks do not
 * reach), or after 10 s; null if it could not start.
 */
std::unique_ptr<QProcess> holdBoardOpen(const QString &board, const QString &login, bool dropLocks, int seconds);
/// Waits until @p colleague (holdBoardOpen()) has looked at the board @p looks more times (each look it makes says
/// so on its output; those made before the call do not count); false after @p timeoutMs or once it ended. A look
/// under way at the call may count: ask for two to be sure of one made wholly after it.
bool waitForLooks(QProcess &colleague, int looks, int timeoutMs = 10000);

} // namespace hb::tests
