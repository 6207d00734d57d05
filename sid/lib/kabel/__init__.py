"""The wire format between a village (`sinkron`) and a kecamatan/kabupaten hub (`hub`): signed
requests and receipts (`protokol`) and attachments (`lampiran`). Both sides import it from here,
so the hub stands alone from the village app and the two cannot drift apart."""
