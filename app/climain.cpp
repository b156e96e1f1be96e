// SPDX-License-Identifier: GPL-3.0-or-later
#include "appinfo.h"
#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    hb::app::setApplicationInfo();
    QTextStream out(stdout);
    QTextStream err(stderr);
    hb::app::Cli cli(out, err);
    const int code = cli.run(QCoreApplication::arguments().mid(1));
    out.flush();
    err.flush();
    return code;
}
