// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli: upkeep of the board file (uploads that never finished).
#include "cli.h"

#include "cli_p.h"
#include "cliarguments.h"

#include <storage/boardstore.h>

#include <QLocale>

namespace hb::app {

using namespace hb::storage;
using namespace detail;

int Cli::cmdPurgeUploads(CliArguments &args)
{
    if (!args.positional(0, 0))
        return usageError(args.error());
    const qint64 age = BoardStore::abandonedUploadAge();
    auto before = m_store->abandonedUploads(age);
    if (!before)
        return fail(before.error());
    auto purged = m_store->purgeAbandonedUploads(age);
    if (!purged)
        return fail(purged.error());
    m_out << tr("removed %n abandoned upload(s), freed %1", *purged)
                     .arg(QLocale::c().formattedDataSize(before->bytes, 1, QLocale::DataSizeTraditionalFormat))
          << Qt::endl;
    return Ok;
}

QString Cli::abandonedUploadsNote()
{
    auto found = m_store->abandonedUploads(BoardStore::abandonedUploadAge());
    if (!found || (found->count == 0 && found->bytes == 0))
        return {};
    return tr("note: %n upload(s) abandoned part-way hold %1; helpboard-cli purge-uploads frees them", found->count)
            .arg(QLocale::c().formattedDataSize(found->bytes, 1, QLocale::DataSizeTraditionalFormat));
}

} // namespace hb::app
