#ifndef CONFIG_H
#define CONFIG_H

/* Number of decimals printed for non-integer statistics. */
#define PRECISION 3
/* Maximum number of values accepted. */
#define MAX_VALUES 1000000

#endif
