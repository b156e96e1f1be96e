// SPDX-License-Identifier: GPL-3.0-or-later
#include "appinfo.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace hb::app {

void setApplicationInfo()
{
    QCoreApplication::setApplicationName(QStringLiteral("HelpBoard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HELPBOARD_VERSION));
}

QString defaultBoardPath()
{
    const QString fromEnvironment = qEnvironmentVariable("HELPBOARD_BOARD");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("board.helpboard"));
}

} // namespace hb::app
