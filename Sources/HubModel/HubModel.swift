// HubModel
