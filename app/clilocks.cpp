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

constexpr int s_selftestLookMs = 250;
/// After locks were seen to reach a colleague, the self-test keeps its own slot this long, so the colleague sees it.
constexpr qint64 s_selftestLingerMs = 3000;

} // namespace

void Cli::installLockGate()
{
    // The run keeps its slot and looks again from a thread of its own while it lasts, so a colleague's run that starts
    // meanwhile sees this one alive, and this one sees it (Connection then refuses to COMMIT).
    LockProbe::setWriteGate(&LockProbe::proveAndWatch);
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
    if (auto proven = LockProbe::proveAndWatch(m_store->path(), m_store->login()); !proven)
        return fail(Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(proven.error().message)});
    m_out << "holding" << Qt::endl;
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + qint64(seconds * 1000);
    quint64 looks = 0;
    while (QDateTime::currentMSecsSinceEpoch() < until) {
        QThread::msleep(20);
        if (const QString refused = LockProbe::refusal(m_store->path()); !refused.isEmpty())
            return fail(Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(refused)});
        // Each look said as it is done, so a test waits for the next ones instead of for a while.
        for (const quint64 now = LockProbe::looksAt(m_store->path()); looks < now; ++looks)
            m_out << "looked" << Qt::endl;
    }
    return Ok;
}

} // namespace hb::app
