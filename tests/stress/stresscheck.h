// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the stress and crash tests share for checking a board against the drivers' logs.

#include "stress/stresslog.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QString>
#include <QStringList>

namespace hb::stress {

/// The driver program, from $HELPBOARD_STRESS_DRIVER (set by ctest), else next to the test.
inline QString driverProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("HELPBOARD_STRESS_DRIVER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/helpboard-stress-driver");
}

/// The template for the test's folder (board, logs, attachment files): in $HELPBOARD_STRESS_DIR when that is set (a
/// share to try, or a tmpfs), else in the system's temporary folder.
inline QString stressFolderTemplate(const QString &name)
{
    const QString base = qEnvironmentVariable("HELPBOARD_STRESS_DIR");
    return QDir(base.isEmpty() ? QDir::tempPath() : base).filePath(name + QStringLiteral("-XXXXXX"));
}

/// The seed from $HELPBOARD_STRESS_SEED (to repeat a run), else a fresh one.
inline quint32 stressSeed(quint32 fresh)
{
    bool ok = false;
    const quint32 given = qEnvironmentVariable("HELPBOARD_STRESS_SEED").toUInt(&ok);
    return ok ? given : fresh;
}

/// Collects what is wrong, to report many findings at once but not thousands.
class Problems
{
public:
    void add(const QString &problem)
    {
        if (m_count++ < s_maxShown)
            m_shown << problem;
    }
    bool isEmpty() const { return m_count == 0; }
    QByteArray report() const
    {
        QString text = m_shown.join(u'\n');
        if (m_count > s_maxShown)
            text += QStringLiteral("\n... and %1 more").arg(m_count - s_maxShown);
        return text.toUtf8();
    }

private:
    static constexpr int s_maxShown = 15;
    QStringList m_shown;
    int m_count = 0;
};

inline QString describeOp(const LoggedOp &op)
{
    return QStringLiteral("%1 %2 on card %3 (%4, expected v%5, got v%6, log line %7)")
            .arg(op.kind, op.opId.toString(QUuid::WithoutBraces))
            .arg(op.cardId)
            .arg(op.begin ? QStringLiteral("begun") : outcomeName(op.outcome))
            .arg(op.expectedVersion)
            .arg(op.version)
            .arg(op.line);
}

} // namespace hb::stress
