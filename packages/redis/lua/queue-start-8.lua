-- Starts the line at the on-sale (see includes/queue-start.lua). ARGV: seed. Returns places given or -1.
--@include queue-keys
--@include queue-start
return startLine(ARGV[1])
