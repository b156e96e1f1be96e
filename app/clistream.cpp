// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli: list --json written as it is read, a page of cards at a time.
#include "cli.h"
#include "cli_p.h"
#include "clistream.h"

#include <board/rules/cardfilter.h>
#include <storage/boardstore.h>
#include <storage/exchange/boardexport.h>
#include <storage/exchange/jsonstreamwriter.h>

#include <QStringDecoder>
#include <QTemporaryFile>

namespace hb::app {

using namespace hb::storage;

Status writeWhole(QTextStream &out, const std::function<Status(QIODevice *)> &write)
{
    QTemporaryFile file; // in the local temporary folder, removed when done
    if (!file.open())
        return Error{ErrorKind::Io, detail::tr("cannot write a temporary file: %1").arg(file.errorString())};
    if (auto written = write(&file); !written)
        return written;
    if (!file.flush() || !file.seek(0))
        return Error{ErrorKind::Io, detail::tr("cannot write a temporary file: %1").arg(file.errorString())};
    // Keeps a character cut by a block boundary for the next block, and a BOM the writer put first (a CSV's).
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    constexpr qint64 s_blockBytes = 256 * 1024;
    while (!file.atEnd()) {
        const QByteArray block = file.read(s_blockBytes);
        if (block.isEmpty())
            return Error{ErrorKind::Io, detail::tr("cannot read a temporary file: %1").arg(file.errorString())};
        out << utf8.decode(block);
    }
    out.flush();
    if (out.status() != QTextStream::Ok)
        return Error{ErrorKind::Io, detail::tr("writing to standard output failed")};
    return {};
}

int Cli::writeCardsJson(const CardQuery &query, const board::CardFilter &filter)
{
    auto exporter = BoardExport::prepare(*m_store);
    if (!exporter)
        return fail(exporter.error());
    const board::CardFilter::Context context{m_store->now(), m_store->login()};
    // One snapshot, as when the whole list was read at once.
    const Status read = writeWhole(m_out, [&](QIODevice *out) {
        return m_store->readSnapshot([&]() -> Status {
            JsonStreamWriter writer(out);
            auto ids = m_store->cardIds(query);
            if (!ids)
                return ids.error();
            writer.beginArray();
            for (qsizetype first = 0; first < ids->size(); first += BoardExport::s_cardsPerPage) {
                auto cards = m_store->cardsWithIds(ids->mid(first, BoardExport::s_cardsPerPage));
                if (!cards)
                    return cards.error();
                for (const Card &card : std::as_const(*cards)) {
                    if (filter.matches(card, context))
                        writer.value(exporter->card(card));
                }
            }
            writer.end();
            if (!writer.isOk())
                return Error{ErrorKind::Io, detail::tr("cannot write a temporary file: %1").arg(out->errorString())};
            return {};
        });
    });
    if (!read)
        return fail(read.error());
    return Ok;
}

} // namespace hb::app
