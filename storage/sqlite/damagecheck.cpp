// SPDX-License-Identifier: GPL-3.0-or-later
#include "damagecheck.h"

#include "connection.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QThread>

namespace hb::storage {

DamageCheck confirmDamage(const QString &path)
{
    constexpr int s_tries = 3;
    constexpr int s_pauseMs = 100;
    constexpr int s_busyTimeoutMs = 2000;
    constexpr int s_maxDetail = 300;
    int corruptTries = 0;
    QString lastProblem;
    for (int attempt = 0; attempt < s_tries; ++attempt) {
        if (attempt > 0)
            QThread::msleep(s_pauseMs);
        Connection checker;
        checker.setConfirmsDamage(false); // this is the second look: it must not ask for a third
        checker.setBusyTimeout(s_busyTimeoutMs);
        if (auto opened = checker.open(path, Connection::Mode::ReadOnly); !opened) {
            lastProblem = opened.error().message;
            if (opened.error().kind == ErrorKind::Corrupt || opened.error().kind == ErrorKind::NotABoard)
                ++corruptTries;
            continue;
        }
        auto lines = checker.list<QString>(QStringLiteral("PRAGMA integrity_check"), {},
                                           [](const QSqlQuery &query) { return query.value(0).toString(); });
        if (lines && *lines == QStringList{QStringLiteral("ok")})
            return {DamageCheck::Verdict::Sound, {}};
        if (lines) {
            QString detail = lines->mid(0, 3).join(QStringLiteral("; "));
            if (detail.size() > s_maxDetail)
                detail = detail.left(s_maxDetail - 1) + QChar(0x2026);
            return {DamageCheck::Verdict::Damaged, detail};
        }
        lastProblem = lines.error().message;
        if (lines.error().kind == ErrorKind::Corrupt || lines.error().kind == ErrorKind::NotABoard)
            ++corruptTries;
    }
    if (corruptTries == s_tries)
        return {DamageCheck::Verdict::Damaged,
                QCoreApplication::translate("hb::storage::DamageCheck",
                                            "integrity_check stops at a page it cannot read")};
    return {DamageCheck::Verdict::Unknown, lastProblem};
}

} // namespace hb::storage
