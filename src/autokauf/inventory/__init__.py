"""Stock: vehicles by VIN, locations, the stock locator."""
