// SPDX-License-Identifier: GPL-3.0-or-later
#include "saved.h"

#include <storage/boardstore.h>

namespace hb::board {

void Saved::readCards(storage::BoardStore &store, const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        if (auto card = store.card(id))
            cards << *card;
        else if (card.error().kind == storage::ErrorKind::NotFound)
            removed << id;
        else if (status)
            status = card.error();
    }
}

void Saved::readLabels(storage::BoardStore &store)
{
    if (auto read = store.labels()) {
        labelsRead = true;
        labels = *read;
    } else if (status) {
        status = read.error();
    }
}

void Saved::readDetails(storage::BoardStore &store, qint64 cardId, bool withCard)
{
    if (withCard)
        readCards(store, {cardId});
    auto items = store.checklist(cardId);
    auto notes = store.comments(cardId);
    auto files = store.attachments(cardId);
    if (items && notes && files) {
        detailsCard = cardId;
        checklist = *items;
        comments = *notes;
        attachments = *files;
    } else if (status) {
        status = !items ? items.error() : !notes ? notes.error() : files.error();
    }
}

} // namespace hb::board
