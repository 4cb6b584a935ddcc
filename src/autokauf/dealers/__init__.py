"""Agency: dealers as the manufacturer's agents, their staff, test drives, handovers, commission."""
