// SPDX-License-Identifier: GPL-3.0-or-later
#include "appinfo.h"
#include "cli.h"
#include "cliinput.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Decoded here, before Qt does: its decoding turns bytes that are not UTF-8 into U+FFFD, beyond telling.
    const QStringList arguments = hb::app::cliinput::decodeArguments(argc, argv);
    QCoreApplication app(argc, argv);
    hb::app::setApplicationInfo();
    QTextStream out(stdout);
    QTextStream err(stderr);
    hb::app::Cli cli(out, err);
    const int code = cli.run(arguments);
    out.flush();
    err.flush();
    return code;
}
