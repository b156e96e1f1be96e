// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli's share checks: the lock probe before a writing command, `selftest FOLDER`, and the hidden
// `hold-open` used by tests (a process that keeps a board open and looks like a window would).
#include "cli.h"
#include "cli_p.h"

#include <storage/boardstore.h>
#include <storage/lockprobe.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <optional>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

namespace {

/// Windows look about once a second: a colleague's slot found free is watched this long for its counter to move,
/// and a colleague that read a newer board than this run long enough to tell a stale copy from a fresh commit.
constexpr int s_settleMs = 3500;
constexpr int s_selftestLookMs = 250;
/// After locks were seen to reach a colleague, the self-test keeps its own slot this long, so the colleague sees it.
constexpr qint64 s_selftestLingerMs = 3000;

} // namespace

storage::Status Cli::proveLocks(const QString &boardPath, bool beats)
{
    // Asked for while the board opens too (the daily check's stamp): then the store is not there yet.
    const QString login = m_store ? m_store->login() : m_login.isEmpty() ? BoardStore::systemLogin() : m_login;
    auto probe = LockProbe::start(boardPath, login, beats);
    if (!probe)
        return probe.error();
    m_lockProbe = std::move(probe).value();
    return m_lockProbe->settle(s_settleMs);
}

void Cli::installLockGate()
{
    LockProbe::setWriteGate([this, proven = std::make_shared<std::optional<Status>>()](const QString &boardPath) {
        if (!proven->has_value())
            *proven = proveLocks(boardPath, false);
        return **proven;
    });
}

int Cli::cmdSelftest(const QStringList &args)
{
    if (args.size() != 1)
        return usageError(tr("selftest takes one folder (the one that holds the board)"));
    const QFileInfo folder(args.constFirst());
    if (!folder.isDir())
        return fail(Error{ErrorKind::NotFound, tr("%1 is not a folder").arg(args.constFirst())});
    const QString probePath = QDir(folder.absoluteFilePath()).filePath(QStringLiteral(".helpboard-selftest"));
    bool ok = false;
    int waitMs = qEnvironmentVariableIntValue("HELPBOARD_SELFTEST_WAIT_MS", &ok);
    if (!ok || waitMs <= 0)
        waitMs = 20'000;
    LockProbe::clearMark(probePath, 60'000); // an old self-test's verdict is not this one's
    m_out << tr("Checking that file locks reach between desktops in %1; run the same on another desktop now "
                "(waiting up to %2 s)...")
                     .arg(folder.absoluteFilePath())
                     .arg(waitMs / 1000)
          << Qt::endl;
    const auto unsafe = [&](const QString &why) {
        m_out << tr("Verdict: UNSAFE. %1").arg(why) << Qt::endl;
        return int(ReadOnlyOrForbidden);
    };
    auto probe = LockProbe::start(probePath, m_login.isEmpty() ? BoardStore::systemLogin() : m_login);
    if (!probe) {
        if (probe.error().kind == ErrorKind::ReadOnly)
            return unsafe(probe.error().message);
        return fail(probe.error());
    }
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + waitMs;
    qint64 lockedAt = 0;
    for (;;) {
        QThread::msleep(s_selftestLookMs);
        if (auto looked = (*probe)->look(); !looked) {
            if (looked.error().kind == ErrorKind::ReadOnly)
                return unsafe(looked.error().message);
            return fail(looked.error());
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (!lockedAt && (*probe)->colleaguesSeenLocked() > 0)
            lockedAt = now;
        if (lockedAt && now - lockedAt >= s_selftestLingerMs) {
            m_out << tr("Verdict: sound. File locks reach between this desktop and %1.")
                             .arg((*probe)->lockedDesktops().join(QStringLiteral(", ")))
                  << Qt::endl;
            return Ok;
        }
        if (!lockedAt && now >= until)
            break;
    }
    m_out << tr("Verdict: could not tell. No other desktop ran the self-test on %1 within %2 s: run it on two "
                "desktops at the same time.")
                     .arg(folder.absoluteFilePath())
                     .arg(waitMs / 1000)
          << Qt::endl;
    return InvalidOrNotFound;
}

int Cli::cmdHoldOpen(const QStringList &args)
{
    bool ok = args.size() <= 1;
    const double seconds = args.isEmpty() ? 30 : args.constFirst().toDouble(&ok);
    if (!ok || seconds <= 0)
        return usageError(tr("hold-open takes seconds"));
    if (const int opened = openBoard(); opened != Ok)
        return opened;
    if (m_store->isReadOnly())
        return fail(Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(m_store->readOnlyReason())});
    if (auto proven = proveLocks(m_store->path(), true); !proven)
        return fail(Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(proven.error().message)});
    m_out << "holding" << Qt::endl;
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + qint64(seconds * 1000);
    while (QDateTime::currentMSecsSinceEpoch() < until) {
        QThread::msleep(300);
        if (auto looked = m_lockProbe->look(); !looked)
            return fail(Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(looked.error().message)});
    }
    return Ok;
}

} // namespace hb::app
